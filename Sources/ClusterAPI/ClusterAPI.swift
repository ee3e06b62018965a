// ClusterAPI module
