// input_files.hpp (private) — the regular files this process has read as input, by device and
// inode, so that no output of the run can replace one of them (whatever name either is given).
#pragma once

#include <string>

#include <sys/types.h>

namespace magsel::detail {

/// Remember that the file (dev, ino) was read as input under `name`.
void note_input_file(dev_t device, ino_t inode, const std::string& name);
/// The name an input was read under, or "" when (dev, ino) is not an input of this run.
std::string input_file_name(dev_t device, ino_t inode);

}  // namespace magsel::detail
