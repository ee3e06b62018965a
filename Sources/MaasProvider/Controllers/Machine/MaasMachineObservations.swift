import KubeCore
import MaasClient
import Synchronization

/// What this manager last saw of each MAAS machine, so that reconcile passes read MAAS as little as possible.
///
/// Two uses, both keyed by system ID and ordered by the batched poll's rounds (one per poll interval):
/// - **Recent observations** (normal passes): the poll's lists, and the replies to a pass's own reads and writes
///   (every MAAS write answers with the machine), are kept for ``observationLifetime`` rounds. A pass that needs its
///   machine takes a recent one instead of a `GET machines/{id}/`: the machine the poller just woke it for, or the
///   reply of the deploy its previous pass sent.
/// - **Asked reads** (deleting passes): a deleting MaasMachine must see its machine as MAAS has it *now* (still ours?)
///   before releasing it; it asks here, the next round lists the machine together with everything else it polls
///   (one list call per connection however many machines are deleted at once) and re-enqueues the object.
///
/// Ordering: a poll round's list may have been answered before or after a pass's write to the same machine; it
/// replaces a recorded observation only when the round began after that observation was recorded.
public final class MaasMachineObservations: Sendable {
    /// What a deleting pass gets for its asked read.
    public enum Answer: Equatable, Sendable {
        /// Asked; a poll round that starts later answers it and re-enqueues the object.
        case pending
        /// Listed by a poll round that started after the question.
        case found(ObservedMaasMachine)
        /// Not listed by that round (gone, or not visible to this MAAS user).
        case notFound
        /// That round's list call failed: the pass reports it (condition, backoff) and asks again later.
        case failed(MaasError)
    }

    /// The questions a poll round takes: system ID → the object that asked.
    public typealias Questions = [String: ObjectKey]

    private struct Recorded {
        /// The last round begun when it was recorded: a round numbered higher began after it.
        var round: UInt64
        /// Nil after a failed call about the machine: unknown since `round` (an older round's list must not stand in).
        var observed: ObservedMaasMachine?
    }

    private struct State {
        /// The last round begun.
        var round: UInt64 = 0
        var recent: [String: Recorded] = [:]
        /// Open questions and the round that was last begun when each was asked (only a later round answers it).
        var questions: [String: (key: ObjectKey, askedAfter: UInt64)] = [:]
        var answers: [String: (round: UInt64, answer: Answer)] = [:]
    }

    /// Observations recorded in the current or the previous round are recent: at most two poll intervals old.
    static let observationLifetime: UInt64 = 1
    /// Answers nobody took (the object went away) are dropped after this many rounds.
    static let answerLifetime: UInt64 = 20
    private let state = Mutex(State())

    public init() {}

    // MARK: Recent observations

    /// The machine as a poll or a pass saw it at most ``observationLifetime`` rounds ago, or nil.
    public func recent(_ systemID: String) -> ObservedMaasMachine? {
        state.withLock { state in
            guard let recorded = state.recent[systemID], state.round - recorded.round <= Self.observationLifetime else { return nil }
            return recorded.observed
        }
    }

    /// Records a pass's own read of the machine, or the reply to its write (which shows the machine after the write).
    public func record(_ observed: ObservedMaasMachine) {
        state.withLock { state in
            state.recent[observed.systemID] = Recorded(round: state.round, observed: observed)
        }
    }

    /// Forgets the machine: a pass's call about it failed, so what MAAS holds now is unknown until a read (or a
    /// round begun after this) shows it.
    public func forget(_ systemID: String) {
        state.withLock { state in
            state.recent[systemID] = Recorded(round: state.round, observed: nil)
        }
    }

    // MARK: Asked reads

    /// The answer for `systemID` (taken: the next call asks again), or `.pending` after asking on behalf of `key`.
    public func read(_ systemID: String, for key: ObjectKey) -> Answer {
        state.withLock { state in
            if let answered = state.answers.removeValue(forKey: systemID) { return answered.answer }
            if state.questions[systemID] == nil { state.questions[systemID] = (key, state.round) }
            return .pending
        }
    }

    // MARK: Poll rounds

    /// Starts a poll round: the questions it must answer (every one asked so far, so none was asked after it began).
    public func beginRound() -> (round: UInt64, questions: Questions) {
        state.withLock { state in
            state.round += 1
            let round = state.round
            state.answers = state.answers.filter { round - $0.value.round <= Self.answerLifetime }
            state.recent = state.recent.filter { round - $0.value.round <= Self.observationLifetime }
            return (round, state.questions.mapValues(\.key))
        }
    }

    /// Records what `round` listed: recent observations, and the answers to the `answered` questions. Returns the
    /// objects to enqueue (those that asked).
    public func answer(round: UInt64, _ answered: Questions, observed: [String: ObservedMaasMachine]) -> [ObjectKey] {
        state.withLock { state in
            for (systemID, machine) in observed where (state.recent[systemID]?.round ?? 0) < round {
                state.recent[systemID] = Recorded(round: round, observed: machine)
            }
        }
        return record(round: round, answered) { observed[$0].map(Answer.found) ?? .notFound }
    }

    /// Records that `round`'s list call failed for the `answered` questions; returns the objects to enqueue.
    public func fail(round: UInt64, _ answered: Questions, error: MaasError) -> [ObjectKey] {
        record(round: round, answered) { _ in .failed(error) }
    }

    private func record(round: UInt64, _ answered: Questions, _ answer: (String) -> Answer) -> [ObjectKey] {
        state.withLock { state in
            var keys: Set<ObjectKey> = []
            for systemID in answered.keys {
                guard let question = state.questions[systemID], question.askedAfter < round else { continue }
                state.answers[systemID] = (round, answer(systemID))
                state.questions.removeValue(forKey: systemID)
                keys.insert(question.key)
            }
            return Array(keys)
        }
    }
}
