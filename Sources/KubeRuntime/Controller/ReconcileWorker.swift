import KubeClient
import KubeCore
import Logging
import Metrics

/// One worker loop: take a key, reconcile, requeue according to the result, record metrics.
struct ReconcileWorker<C: Clock>: Sendable where C.Duration == Duration {
    let name: String
    let queue: WorkQueue<ObjectKey, C>
    let reconciler: any Reconciler
    let clock: C
    let logger: Logger
    let active: LockedBox<Int>

    init(name: String, queue: WorkQueue<ObjectKey, C>, reconciler: any Reconciler, clock: C, logger: Logger) {
        self.name = name
        self.queue = queue
        self.reconciler = reconciler
        self.clock = clock
        self.logger = logger
        self.active = LockedBox(0)
    }

    func run() async {
        let controller = [("controller", name)]
        let activeGauge = Gauge(label: "controller_runtime_active_workers", dimensions: controller)
        let reconcileTime = Metrics.Timer(label: "controller_runtime_reconcile_time_seconds", dimensions: controller)
        let errors = Counter(label: "controller_runtime_reconcile_errors_total", dimensions: controller)
        let terminalErrors = Counter(label: "controller_runtime_terminal_reconcile_errors_total", dimensions: controller)
        while let key = await queue.get() {
            activeGauge.record(active.withLock { $0 += 1; return $0 })
            let started = clock.now
            let result: String
            do {
                switch try await reconciler.reconcile(key) {
                case .done:
                    await queue.forget(key)
                    await queue.schedule(key, after: nil)
                    result = "success"
                case .requeue(let delay):
                    await queue.forget(key)
                    await queue.schedule(key, after: delay)
                    result = "requeue_after"
                }
            } catch let error as TerminalError {
                await queue.forget(key)
                errors.increment()
                terminalErrors.increment()
                logger.error("reconcile failed permanently", metadata: ["key": "\(key)", "error": "\(error)"])
                result = "error"
            } catch {
                await queue.addRateLimited(key)
                errors.increment()
                // A 409 is optimistic concurrency doing its job (another writer got there first): retried at once,
                // not worth a warning.
                let level: Logger.Level = (error as? KubeError)?.isConflict == true ? .debug : .warning
                logger.log(level: level, "reconcile failed, will retry", metadata: ["key": "\(key)", "error": "\(error)"])
                result = "error"
            }
            reconcileTime.record(duration: started.duration(to: clock.now))
            Counter(label: "controller_runtime_reconcile_total", dimensions: controller + [("result", result)]).increment()
            activeGauge.record(active.withLock { $0 -= 1; return $0 })
            await queue.done(key)
        }
    }
}
