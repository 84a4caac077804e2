// magsel/output_file.hpp — the files a run writes: whole or not at all, all or none, never over
// one of the run's inputs, and never by replacing something that is not a regular file.
#pragma once

#include <memory>
#include <string>

namespace magsel {

/// The output files of one run. add() checks a path and writes its content to a temporary file
/// beside it; commit() moves every one into place, so a run that fails before commit() leaves
/// every earlier file as it was. Uncommitted temporary files are removed by the destructor and
/// on SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGPIPE (SIGKILL cannot be caught: a killed run can
/// leave a `.NAME.XXXXXX` file beside its output, never a half-written output).
///
/// What a path may be (docs/errors.md, "Outputs"):
///   - a new file in an existing directory, or an existing regular file: replaced atomically,
///     keeping its permissions;
///   - a symbolic link: it means the file it points to (which is replaced; the link stays);
///     a link to nothing, or a loop, is refused;
///   - a character device or a FIFO (/dev/null, /dev/stdout on a terminal or pipe): written in
///     place at commit(), never replaced;
///   - a directory, a block device or a socket: refused;
///   - a file this run has read as input (same device and inode, whatever its name), or the
///     same file twice: refused.
/// Every refusal is a UsageError naming the path.
class OutputFiles {
public:
    OutputFiles();
    ~OutputFiles();
    OutputFiles(const OutputFiles&) = delete;
    OutputFiles& operator=(const OutputFiles&) = delete;

    void add(const std::string& path, const std::string& content);
    void commit();

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// One output: OutputFiles with a single file, added and committed (the same rules). Throws
/// UsageError when the path cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace magsel
