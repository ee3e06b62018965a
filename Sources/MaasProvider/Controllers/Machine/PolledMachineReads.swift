import KubeCore
import MaasClient
import Synchronization

/// Machine reads that the batched MAAS poll answers. A deleting MaasMachine must see its machine as MAAS has it now
/// (still ours?) before releasing it; instead of one `GET machines/{id}/` per machine, it asks here, the poller's
/// next round lists the machine together with everything else it polls (one list call per connection per interval
/// however many machines are deleted at once) and re-enqueues the object, whose next pass takes the answer.
public final class PolledMachineReads: Sendable {
    /// What a pass gets for its machine.
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

    private struct State {
        /// The last round begun.
        var round: UInt64 = 0
        /// Open questions and the round that was last begun when each was asked (only a later round answers it).
        var questions: [String: (key: ObjectKey, askedAfter: UInt64)] = [:]
        var answers: [String: (round: UInt64, answer: Answer)] = [:]
    }

    /// Answers nobody took (the object went away) are dropped after this many rounds.
    static let answerLifetime: UInt64 = 20
    private let state = Mutex(State())

    public init() {}

    /// The answer for `systemID` (taken: the next call asks again), or `.pending` after asking on behalf of `key`.
    public func read(_ systemID: String, for key: ObjectKey) -> Answer {
        state.withLock { state in
            if let answered = state.answers.removeValue(forKey: systemID) { return answered.answer }
            if state.questions[systemID] == nil { state.questions[systemID] = (key, state.round) }
            return .pending
        }
    }

    /// Starts a poll round: the questions it must answer (every one asked so far, so none was asked after it began).
    public func beginRound() -> (round: UInt64, questions: Questions) {
        state.withLock { state in
            state.round += 1
            let round = state.round
            state.answers = state.answers.filter { round - $0.value.round <= Self.answerLifetime }
            return (round, state.questions.mapValues(\.key))
        }
    }

    /// Records what `round` listed for the `answered` questions; returns the objects to enqueue.
    public func answer(round: UInt64, _ answered: Questions, observed: [String: ObservedMaasMachine]) -> [ObjectKey] {
        record(round: round, answered) { observed[$0].map(Answer.found) ?? .notFound }
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
