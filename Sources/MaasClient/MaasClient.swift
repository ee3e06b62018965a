// MaasClient module
