import KubeCore

/// Whether reconciling `object` is paused: the Cluster has `spec.paused` set, or the object carries the
/// `cluster.x-k8s.io/paused` annotation (`annotations.IsPaused` in Cluster API).
public func isPaused(cluster: Cluster?, object: ObjectMeta) -> Bool {
    if cluster?.spec?.paused == true { return true }
    return object.annotations?[ClusterAPIAnnotations.paused] != nil
}

/// Whether reconciling `object` is paused (see ``isPaused(cluster:object:)-(_,ObjectMeta)``).
public func isPaused(cluster: Cluster?, object: some KubeResource) -> Bool {
    isPaused(cluster: cluster, object: object.metadata)
}

/// Whether an infrastructure cluster is managed by something else (`cluster.x-k8s.io/managed-by` annotation).
public func isExternallyManaged(_ object: ObjectMeta) -> Bool {
    object.annotations?[ClusterAPIAnnotations.managedBy] != nil
}

/// The `Paused` condition Cluster API expects every provider object to carry (`paused.EnsurePausedCondition`).
public func pausedCondition(paused: Bool, cluster: Cluster?, object: ObjectMeta) -> Condition {
    guard paused else {
        return Condition(type: "Paused", status: .false, reason: "NotPaused", observedGeneration: object.generation)
    }
    let why = cluster?.spec?.paused == true
        ? "Cluster spec.paused is set"
        : "the \(ClusterAPIAnnotations.paused) annotation is set"
    return Condition(type: "Paused", status: .true, reason: "Paused", message: why, observedGeneration: object.generation)
}
