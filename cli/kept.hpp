// kept.hpp — data a subcommand keeps to the end of the process, and how the process ends.
//
// A run of magsel is one command: once its output is written, nothing it read needs tearing
// down. Freeing a catalogue of thousands of grades and their evaluations string by string was a
// fifth of a `match` on 2,520 user grades, so the large data a command holds is kept here and
// `finish()` ends the process with _Exit once stdout and stderr are flushed (compilers do the
// same: clang's -disable-free). Builds with AddressSanitizer tear everything down as usual, so
// its leak checker still sees every allocation.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace magsel::cli {

namespace detail {
/// The storage: a vector of owners, destroyed only when the process exits normally (the
/// sanitizer builds).
std::vector<std::shared_ptr<const void>>& kept_values();
}  // namespace detail

/// Move `value` into storage that lives to the end of the process; a reference to it.
template <class T>
const T& keep(T value) {
    auto owner = std::make_shared<const T>(std::move(value));
    const T& ref = *owner;
    detail::kept_values().push_back(std::move(owner));
    return ref;
}

/// End the process with `code`: flushes the C and C++ streams, then _Exit (normal return from
/// main() in sanitizer builds: main returns the code it gets back).
int finish(int code);

}  // namespace magsel::cli
