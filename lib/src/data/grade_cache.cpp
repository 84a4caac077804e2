#include "data/grade_cache.hpp"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <utility>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "data/builtin_data.hpp"
#include "data/snapshot.hpp"
#include "data/yaml_reader.hpp"
#include "magsel/version.hpp"

namespace magsel::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view entry_magic = "MAGSELGC";
constexpr std::size_t header_bytes = 8 + 8 + 8;  // magic, payload length, payload checksum

void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
std::uint64_t get_u64(std::string_view in) {
    std::uint64_t v = 0;
    std::memcpy(&v, in.data(), sizeof v);
    return v;
}

/// The stat fields of a file that change when it is written or replaced.
std::string stat_key(const struct stat& st) {
    return fmt::format("size {} mtime {}.{:09} ctime {}.{:09} dev {} ino {}", static_cast<long long>(st.st_size),
                       static_cast<long long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec,
                       static_cast<long long>(st.st_ctim.tv_sec), st.st_ctim.tv_nsec,
                       static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino));
}

const char build_anchor = 0;

/// The magsel build: any rebuild of the program (or of a shared libmagsel) changes it, so an
/// entry written by one build is never read by another, even at the same version number.
const std::string& build_identity() {
    static const std::string id = [] {
        std::string out = fmt::format("magsel {} {}", version_string, snapshot_format());
        auto add = [&](const char* file) {
            struct stat st {};
            if (::stat(file, &st) == 0) out += fmt::format(" [{}]", stat_key(st));
        };
        add("/proc/self/exe");
        Dl_info info{};
        if (::dladdr(&build_anchor, &info) != 0 && info.dli_fname != nullptr && info.dli_fname[0] == '/')
            add(info.dli_fname);
        return out;
    }();
    return id;
}

/// Everything the grades of a file depend on but its bytes' hash: the family defaults in force.
/// The digest of the last defaults map is kept: every file of a directory has the same defaults,
/// and serializing them per file was a tenth of a warm run over 315 files.
std::uint64_t defaults_digest(const FamilyDefaultsMap& defaults) {
    thread_local std::optional<std::pair<FamilyDefaultsMap, std::uint64_t>> last;
    if (last && last->first == defaults) return last->second;
    BuiltinData data;
    data.defaults = defaults;
    const auto digest = fnv1a64(write_snapshot(data));
    last.emplace(defaults, digest);
    return digest;
}

/// Read a whole small file; nullopt when it is not a regular file of at most `limit` bytes.
std::optional<std::string> read_small_file(const std::string& path, std::size_t limit) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uintmax_t>(st.st_size) > limit)
        return std::nullopt;
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::nullopt;  // shrank while read: not an entry to trust
        done += static_cast<std::size_t>(n);
    }
    return bytes;
}

/// The first `count` bytes of a regular file (fewer when it is shorter); nullopt when it cannot be read.
std::optional<std::string> read_file_start(const std::string& path, std::size_t count) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string bytes(count, '\0');
    std::size_t done = 0;
    while (done < count) {
        const auto n = ::read(fd, bytes.data() + done, count - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    bytes.resize(done);
    return bytes;
}

/// Write `bytes` to `path` whole or not at all: a temporary file in the same directory, renamed
/// into place (two runs at once each rename a complete entry; a reader sees the old or a new
/// one). False, and nothing left behind, when the directory cannot take it.
bool write_atomically(const std::string& directory, const std::string& path, const std::string& bytes) {
    std::error_code ec;
    fs::create_directories(fs::path(directory).parent_path(), ec);
    ::mkdir(directory.c_str(), 0700);  // EEXIST is fine; anything else shows at mkstemp
    std::string temporary = path + ".XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) return false;
    std::size_t done = 0;
    bool ok = true;
    while (done < bytes.size()) {
        const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) ok = false;
    if (ok && ::rename(temporary.c_str(), path.c_str()) == 0) return true;
    ::unlink(temporary.c_str());
    return false;
}

}  // namespace

std::uint64_t fnv1a64(std::string_view bytes) {
    // FNV-1a over 64-bit words, then the last bytes one by one: 8 times the speed of the byte
    // loop (the checksum of ~20 MB of entries for 2,520 grades, every run), and as good at
    // catching a damaged entry
    std::uint64_t h = 14695981039346656037ull;
    constexpr std::uint64_t prime = 1099511628211ull;
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + i, 8);
        h = (h ^ word) * prime;
        h ^= h >> 29;
    }
    for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * prime;
    return h;
}

std::optional<std::string> grade_cache_directory() {
    const char* off = std::getenv("MAGSEL_NO_CACHE");
    if (off != nullptr && *off != '\0' && std::string_view(off) != "0") return std::nullopt;
    // XDG: a relative XDG_CACHE_HOME is invalid and ignored
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg != nullptr && xdg[0] == '/') return (fs::path(xdg) / "magsel").string();
    const char* home = std::getenv("HOME");
    if (home != nullptr && home[0] == '/') return (fs::path(home) / ".cache" / "magsel").string();
    return std::nullopt;
}

std::string cache_entry_path(const std::string& directory, const std::string& canonical_path) {
    return (fs::path(directory) / fmt::format("grades-{:016x}.bin", fnv1a64(canonical_path))).string();
}

std::string encode_cache_entry(const std::string& key, const GradeFileContents& contents) {
    BuiltinData data;
    data.grades = contents.grades;
    data.warnings = contents.warnings;
    std::string payload;
    put_u64(payload, key.size());
    payload += key;
    payload += write_snapshot(data);
    std::string entry(entry_magic);
    put_u64(entry, payload.size());
    put_u64(entry, fnv1a64(payload));
    entry += payload;
    return entry;
}

std::optional<GradeFileContents> decode_cache_entry(std::string_view bytes, const std::string& key) {
    if (bytes.size() < header_bytes || bytes.substr(0, entry_magic.size()) != entry_magic) return std::nullopt;
    const auto payload = bytes.substr(header_bytes);
    if (get_u64(bytes.substr(8)) != payload.size() || get_u64(bytes.substr(16)) != fnv1a64(payload)) return std::nullopt;
    if (payload.size() < 8 || get_u64(payload) != key.size() || payload.size() - 8 < key.size() ||
        payload.substr(8, key.size()) != key)
        return std::nullopt;
    try {
        auto data = read_snapshot(payload.substr(8 + key.size()));
        if (data.grades.empty() || !data.defaults.empty() || data.prices || data.supply) return std::nullopt;
        return GradeFileContents{std::move(data.grades), std::move(data.warnings)};
    } catch (const std::exception&) {  // another snapshot format, a truncation, garbage
        return std::nullopt;
    }
}

namespace {
/// The grade file an entry's key names (its "file " line), or nullopt when `bytes` is no entry.
std::optional<std::string> entry_file(std::string_view bytes) {
    if (bytes.size() < header_bytes + 8 || bytes.substr(0, entry_magic.size()) != entry_magic) return std::nullopt;
    const auto payload = bytes.substr(header_bytes);
    const auto key_size = get_u64(payload);
    if (key_size > payload.size() - 8) return std::nullopt;
    const auto key = payload.substr(8, key_size);
    const auto at = key.find("\nfile ");
    if (at == std::string_view::npos) return std::nullopt;
    const auto start = at + 6, end = key.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;
    return std::string(key.substr(start, end - start));
}
}  // namespace

std::size_t prune_cache(const std::string& directory) {
    std::size_t removed = 0;
    std::error_code ec;
    const auto now = fs::file_time_type::clock::now();
    for (auto it = fs::directory_iterator(directory, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!name.starts_with("grades-")) continue;
        std::error_code e;
        if (!it->is_regular_file(e) || it->is_symlink(e)) continue;
        if (!name.ends_with(".bin")) {  // a temporary file: `grades-<hash>.bin.XXXXXX`
            const auto dot = name.rfind(".bin.");
            const auto written = fs::last_write_time(it->path(), e);
            if (dot != std::string::npos && name.size() == dot + 11 && !e && now - written > std::chrono::hours(24) &&
                ::unlink(it->path().c_str()) == 0)
                ++removed;
            continue;
        }
        // The key is near the start: a canonical path is at most PATH_MAX (4096) bytes.
        const auto bytes = read_file_start(it->path().string(), 16384);
        if (!bytes) continue;
        const auto file = entry_file(*bytes);
        if (!file) continue;
        struct stat st {};
        if (::stat(file->c_str(), &st) != 0 && errno == ENOENT && ::unlink(it->path().c_str()) == 0) ++removed;
    }
    return removed;
}

GradeFileContents read_user_grade_file(const std::string& path, const FamilyDefaultsMap& defaults, CacheResult* result) {
    CacheResult ignored{};
    auto& outcome = result != nullptr ? *result : ignored;
    // The file is read every run, whatever the cache holds: its bytes are part of the key (a
    // change within one mtime tick is still seen), and reading it is what makes it an input of
    // this run (an output may never replace it).
    const auto text = read_input_file(path, path);
    auto parse = [&] {
        const auto doc = YamlDocument::parse(text, path);
        return GradeFileContents{read_grade_file(*doc, defaults, false), {}};
    };
    outcome = CacheResult::off;
    const auto directory = grade_cache_directory();
    if (!directory) return parse();
    std::error_code ec;
    const auto canonical = fs::canonical(path, ec);
    struct stat st {};
    if (ec || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return parse();  // a pipe: nothing to key on
    const std::string key =
        fmt::format("{}\nfile {}\nname {}\n{}\ncontent {:016x} {}\ndefaults {:016x}\n", build_identity(),
                    canonical.string(), path, stat_key(st), fnv1a64(text), text.size(), defaults_digest(defaults));
    const auto entry_path = cache_entry_path(*directory, canonical.string());
    if (const auto bytes = read_small_file(entry_path, max_cache_entry_bytes))
        if (auto contents = decode_cache_entry(*bytes, key)) {
            outcome = CacheResult::hit;
            return std::move(*contents);
        }
    GradeFileContents contents;
    try {
        contents = parse();
    } catch (const Error&) {
        ::unlink(entry_path.c_str());  // an invalid file has no entry: it fails every run
        throw;
    }
    const auto entry = encode_cache_entry(key, contents);
    outcome = entry.size() <= max_cache_entry_bytes && write_atomically(*directory, entry_path, entry)
                  ? CacheResult::stored
                  : CacheResult::not_stored;
    // A run that writes an entry tidies the directory once: entries of deleted files go
    static std::once_flag pruned;
    if (outcome == CacheResult::stored) std::call_once(pruned, [&] { prune_cache(*directory); });
    return contents;
}

}  // namespace magsel::detail
