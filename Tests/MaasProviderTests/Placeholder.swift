import Testing

@Test func placeholder_MaasProviderTests() {}
