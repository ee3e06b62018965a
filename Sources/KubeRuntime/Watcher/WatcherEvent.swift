/// What a watcher reports to its consumer (the kube-rs `watcher::Event`).
public enum WatcherEvent<Object: Sendable>: Sendable {
    /// A (re)list begins; a store starts buffering.
    case initStart
    /// One object of the (re)list.
    case initApply(Object)
    /// The (re)list is complete; a store swaps its buffer in atomically.
    case initDone
    /// An object was added or modified.
    case apply(Object)
    /// An object was deleted.
    case delete(Object)
}
