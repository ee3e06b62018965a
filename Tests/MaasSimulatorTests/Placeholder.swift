import Testing

@Test func placeholder_MaasSimulatorTests() {}
