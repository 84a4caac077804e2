// grade_cache.hpp (private) — a cache of validated user grade files (`--grades DIR`,
// MAGSEL_GRADES): each file's grades in the binary snapshot format, so a later run reads them
// without parsing YAML. Behaviour and bounds: docs/grade-file-format.md#the-cache-of-user-grade-files.
//
// An entry is used only when everything its grades depend on is unchanged: the file (canonical
// path, name in messages, size, mtime and ctime in ns, device and inode, and a hash of its bytes,
// which are read every run), the family defaults in force, and the magsel build (version, snapshot
// format, the size and mtime of the program). Anything else (stale, truncated, corrupt, from
// another build) is ignored and rewritten. The cache never makes a run fail: a directory that is
// missing, read-only or not a directory means the file is parsed, as without a cache.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/grade_file.hpp"

namespace magsel::detail {

/// The grades of one user grade file and what the reader said about it (stored with the entry,
/// shown again on a hit).
struct GradeFileContents {
    std::vector<Grade> grades;
    std::vector<std::string> warnings;
};

/// What reading a file through the cache did (for tests and benchmarks).
enum class CacheResult {
    off,         ///< MAGSEL_NO_CACHE is set, or there is no cache directory (no XDG_CACHE_HOME, no HOME)
    hit,         ///< the grades came from a valid entry
    stored,      ///< parsed, and a new entry was written
    not_stored,  ///< parsed; no entry could be written (read-only or unusable cache directory)
};

/// `$XDG_CACHE_HOME/magsel` (an absolute XDG_CACHE_HOME), else `$HOME/.cache/magsel`; nullopt
/// when MAGSEL_NO_CACHE is set to anything but "" or "0", or neither variable gives a directory.
std::optional<std::string> grade_cache_directory();

/// Read a user grade file (`path` is also its name in messages) with the family `defaults` in
/// force: from the cache when a valid entry matches, else parsed (and then stored). Errors are
/// exactly those of parsing: an invalid file throws every run, and is never stored (an old entry
/// for its path is removed).
GradeFileContents read_user_grade_file(const std::string& path, const FamilyDefaultsMap& defaults,
                                       CacheResult* result = nullptr);

// ---- the entry format (here for the tests) -------------------------------------------------
/// FNV-1a-style (64 bits, over 64-bit words): the checksum of an entry and the hash of a file's bytes.
std::uint64_t fnv1a64(std::string_view bytes);
/// An entry: "MAGSELGC", payload length, payload checksum, then the payload: the key and a
/// snapshot (snapshot.hpp) holding the grades and warnings.
std::string encode_cache_entry(const std::string& key, const GradeFileContents& contents);
/// The contents of an entry whose key is `key`; nullopt for anything else (another key, a wrong
/// length or checksum, a snapshot of another format, garbage). Never throws.
std::optional<GradeFileContents> decode_cache_entry(std::string_view bytes, const std::string& key);
/// Housekeeping of a cache directory: removes each entry whose grade file no longer exists (its
/// key names the file; only a definite "no such file" counts, never a permission error) and
/// each temporary `grades-*.bin.XXXXXX` older than a day (a run killed while writing). Anything
/// that is not an entry is left alone, and nothing here fails: an unreadable directory or entry
/// is skipped. Returns the number of files removed. read_user_grade_file calls it once per
/// process, when it writes an entry (a warm run writes none, and so pays nothing).
std::size_t prune_cache(const std::string& directory);

/// Where the entry of a file with this canonical path lives in `directory`.
std::string cache_entry_path(const std::string& directory, const std::string& canonical_path);
/// The largest entry read or written (64 MiB): a grade file is at most 10 MiB.
inline constexpr std::size_t max_cache_entry_bytes = 64u << 20;

}  // namespace magsel::detail
