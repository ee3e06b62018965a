// CAPIStandIn module
