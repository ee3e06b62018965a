import Testing

@Test func placeholder_KubeRuntimeTests() {}
