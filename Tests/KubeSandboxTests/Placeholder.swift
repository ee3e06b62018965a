import Testing

@Test func placeholder_KubeSandboxTests() {}
