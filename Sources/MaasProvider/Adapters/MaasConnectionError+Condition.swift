import ClusterAPI
import Logging
import KubeCore

extension MaasConnectionError {
    /// The condition shown on objects whose namespace has no usable MAAS credentials
    /// (`MachineDeployed=False/MaasCredentialsInvalid` on machines).
    public var conditionUpdate: ConditionUpdate {
        ConditionUpdate(status: .false, reason: MaasConditionReasons.maasCredentialsInvalid, message: description)
    }

    /// Credentials may be fixed any time (the Secret is not watched): check again after this delay.
    public var requeueAfter: Duration { MaasRequeue.credentialsRetry }
}
