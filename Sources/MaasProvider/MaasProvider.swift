// MaasProvider module
