// MaasSimulator module
