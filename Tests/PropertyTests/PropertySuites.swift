import Testing

/// Every property suite nests here: the properties are CPU-bound loops that never suspend, so running them one
/// at a time leaves the other cooperative threads to the timing-sensitive loopback tests running alongside.
@Suite(.serialized) enum PropertySuites {}
