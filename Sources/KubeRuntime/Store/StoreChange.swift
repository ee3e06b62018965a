/// A change to a store, as seen by subscribers (controllers map these to work-queue keys).
public enum StoreChange<Object: Sendable>: Sendable {
    /// Added or updated; `old` is the previous cached version, if any.
    case applied(Object, old: Object?)
    /// Removed, by a delete event or because a relist no longer contains it.
    case deleted(Object)
}
