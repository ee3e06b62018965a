import KubeCore

/// Decides whether an add/update should trigger a reconcile (`old` is nil for an add). Deletes always trigger.
public struct Predicate<Object: KubeResource>: Sendable {
    public let evaluate: @Sendable (_ old: Object?, _ new: Object) -> Bool

    public init(_ evaluate: @escaping @Sendable (_ old: Object?, _ new: Object) -> Bool) { self.evaluate = evaluate }

    /// Every event.
    public static var always: Predicate { Predicate { _, _ in true } }
    /// `metadata.generation` changed (spec changes; ignores status-only updates).
    public static var generationChanged: Predicate {
        Predicate { old, new in old == nil || old?.metadata.generation != new.metadata.generation }
    }
    /// `metadata.resourceVersion` changed (drops resync duplicates).
    public static var resourceVersionChanged: Predicate {
        Predicate { old, new in old == nil || old?.metadata.resourceVersion != new.metadata.resourceVersion }
    }
    public static var labelsChanged: Predicate {
        Predicate { old, new in old == nil || old?.metadata.labels != new.metadata.labels }
    }
    public static var annotationsChanged: Predicate {
        Predicate { old, new in old == nil || old?.metadata.annotations != new.metadata.annotations }
    }
    /// Deletion requested or finalizers changed.
    public static var deletionOrFinalizersChanged: Predicate {
        Predicate { old, new in
            old == nil || old?.metadata.deletionTimestamp != new.metadata.deletionTimestamp
                || old?.metadata.finalizers != new.metadata.finalizers
        }
    }

    /// True when any of `predicates` is.
    public static func any(_ predicates: [Predicate]) -> Predicate {
        Predicate { old, new in predicates.contains { $0.evaluate(old, new) } }
    }

    /// True when all of `predicates` are.
    public static func all(_ predicates: [Predicate]) -> Predicate {
        Predicate { old, new in predicates.allSatisfy { $0.evaluate(old, new) } }
    }
}
