import Foundation

/// What a command tells its user on standard output.
public enum Console {
    /// Writes `text` and a newline at once, unbuffered, so scripts reading a redirected stdout see it immediately.
    public static func say(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` as is, unbuffered.
    public static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
