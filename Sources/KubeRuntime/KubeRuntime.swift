// KubeRuntime module
