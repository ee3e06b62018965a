// KubeSandbox module
