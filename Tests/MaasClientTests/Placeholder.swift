import Testing

@Test func placeholder_MaasClientTests() {}
