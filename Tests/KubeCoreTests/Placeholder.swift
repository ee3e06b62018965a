import Testing

@Test func placeholder_KubeCoreTests() {}
