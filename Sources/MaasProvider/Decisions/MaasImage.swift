import KubeCore
/// A MAAS boot resource split into the `osystem` and `distro_series` deploy parameters.
public struct MaasImage: Hashable, Sendable {
    public var osystem: String
    public var distroSeries: String

    public init(osystem: String, distroSeries: String) {
        self.osystem = osystem
        self.distroSeries = distroSeries
    }

    /// Splits `<osystem>/<distro_series>` at the first `/` (e.g. `rhel/rocky-92-0-k-1285-0`); a name without
    /// `/` (including the empty name) is a custom image: `custom/<name>` (upstream `splitImage`, PR #361).
    public init(splitting image: String) {
        if let slash = image.firstIndex(of: "/") {
            osystem = String(image[..<slash])
            distroSeries = String(image[image.index(after: slash)...])
        } else {
            osystem = "custom"
            distroSeries = image
        }
    }
}
