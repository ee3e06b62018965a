import KubeCore
import MaasProvider
import Testing

@Suite struct MaasImageTests {
    @Test(arguments: [
        ("rhel/rocky-92-0-k-1285-0", "rhel", "rocky-92-0-k-1285-0"),
        ("suse/sles-15-0-k-1304-0", "suse", "sles-15-0-k-1304-0"),
        ("ubuntu/u-2204-0-k-1329-0", "ubuntu", "u-2204-0-k-1329-0"),
        ("u-2204-0-k-1329-0", "custom", "u-2204-0-k-1329-0"),
        ("", "custom", ""),
        ("custom/a/b", "custom", "a/b"),
    ])
    func splits(image: String, osystem: String, series: String) {
        #expect(MaasImage(splitting: image) == MaasImage(osystem: osystem, distroSeries: series))
    }
}
