import KubeClient
import KubeCore
import KubeRuntime

extension Api {
    /// The object, or nil when it does not exist.
    func getIfPresent(_ name: String) async throws -> Object? {
        do {
            return try await get(name)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }

    /// Deletes, treating "already gone" as success.
    func deleteIfPresent(_ name: String) async throws {
        do {
            try await delete(name)
        } catch let error as KubeError where error.isNotFound {
            return
        }
    }

    /// Creates, treating "already exists" as success (a previous pass created it).
    func createIfAbsent(_ object: Object, inNamespace namespace: String?) async throws {
        do {
            _ = try await create(object, inNamespace: namespace)
        } catch let error as KubeError where error.isAlreadyExists {
            return
        }
    }
}

/// What the executor of a step tells the reconcile loop.
enum StepOutcome: Sendable {
    /// Something was written: read again and decide the next step.
    case continueReconciling
    /// Stop this pass with this result.
    case finish(ReconcileResult)
}
