// The cache of user grade files (issue 17): a hit gives the grades a parse gives, a changed or
// damaged entry is never trusted, an unusable cache directory never fails a run, a bad file is
// never cached. White-box (lib/src headers). Every test points XDG_CACHE_HOME at its own
// temporary directory.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/builtin_data.hpp"
#include "data/grade_cache.hpp"
#include "data/snapshot.hpp"
#include "magsel/catalogue.hpp"
#include "magsel/error.hpp"

namespace fs = std::filesystem;
using magsel::Catalogue;
using magsel::detail::CacheResult;
using magsel::detail::read_user_grade_file;
using Catch::Matchers::Contains;

namespace {

/// Sets an environment variable for the life of the object, then restores it.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) ::setenv(name, value->c_str(), 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

/// A fresh directory with a grade file and a cache directory beside it; XDG_CACHE_HOME points
/// there and MAGSEL_NO_CACHE is unset while it lives.
struct Sandbox {
    fs::path root;
    fs::path grades, cache_home;
    std::optional<ScopedEnv> xdg, no_cache;
    explicit Sandbox(const std::string& name) {
        root = fs::temp_directory_path() / fmt::format("magsel-cache-{}-{}", name, ::getpid());
        fs::remove_all(root);
        grades = root / "grades";
        cache_home = root / "cache-home";
        fs::create_directories(grades);
        fs::create_directories(cache_home);
        xdg.emplace("XDG_CACHE_HOME", cache_home.string());
        no_cache.emplace("MAGSEL_NO_CACHE", std::nullopt);
    }
    ~Sandbox() {
        std::error_code ec;
        fs::permissions(root, fs::perms::owner_all, fs::perm_options::add, ec);
        for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(root, ec);
    }
    /// The cache entries now in the cache directory.
    std::size_t entries() const {
        std::size_t n = 0;
        std::error_code ec;
        for (auto it = fs::directory_iterator(cache_home / "magsel", ec); !ec && it != fs::directory_iterator();
             it.increment(ec))
            ++n;
        return n;
    }
    std::string entry_of(const fs::path& file) const {
        return magsel::detail::cache_entry_path((cache_home / "magsel").string(), fs::canonical(file).string());
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

const magsel::detail::FamilyDefaultsMap& defaults() { return magsel::detail::builtin_data().defaults; }

/// The grades of a file as the YAML reader gives them, no cache.
std::vector<magsel::Grade> parsed(const fs::path& file) {
    ScopedEnv off("MAGSEL_NO_CACHE", std::string("1"));
    CacheResult r{};
    auto contents = read_user_grade_file(file.string(), defaults(), &r);
    REQUIRE(r == CacheResult::off);
    return contents.grades;
}

std::string snapshot_of(const std::vector<magsel::Grade>& grades) {
    magsel::detail::BuiltinData data;
    data.grades = grades;
    return magsel::detail::write_snapshot(data);
}

/// Set a file's mtime to `seconds` after the epoch.
void set_mtime(const fs::path& p, long seconds) {
    const struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0);
}

}  // namespace

TEST_CASE("a cache hit gives the grades a parse gives, field for field and byte for byte", "[cache]") {
    Sandbox box("hit");
    // the biggest built-in file: 41 grades, every kind of field
    const auto file = box.grades / "standard.yaml";
    fs::copy_file(fs::path(MAGSEL_GRADES_DIR) / "sintered-ndfeb-standard.yaml", file);
    const auto reference = parsed(file);
    CacheResult r{};
    const auto first = read_user_grade_file(file.string(), defaults(), &r);
    CHECK(r == CacheResult::stored);
    CHECK(box.entries() == 1);
    const auto second = read_user_grade_file(file.string(), defaults(), &r);
    CHECK(r == CacheResult::hit);
    REQUIRE(second.grades.size() == reference.size());
    CHECK(second.grades == reference);
    for (std::size_t i = 0; i < reference.size(); ++i) {
        CAPTURE(reference[i].name);
        CHECK(second.grades[i] == reference[i]);
        CHECK(second.grades[i].file == file.string());  // messages still name the file as given
    }
    CHECK(snapshot_of(second.grades) == snapshot_of(reference));
    CHECK(first.grades == reference);

    // the whole catalogue: through the cache (twice) and without it
    auto cached = Catalogue::builtin();
    cached.add_directory(box.grades.string());
    std::optional<Catalogue> uncached;
    {
        ScopedEnv off("MAGSEL_NO_CACHE", std::string("1"));
        uncached = Catalogue::builtin();
        uncached->add_directory(box.grades.string());
    }
    CHECK(cached.grades() == uncached->grades());
    CHECK(cached.notices() == uncached->notices());
    CHECK(cached.find("N48SH").remanence == uncached->find("N48SH").remanence);
}

TEST_CASE("the key: another display name, other family defaults or another file miss", "[cache]") {
    Sandbox box("key");
    const auto file = box.grades / "user.yaml";
    fs::copy_file(fs::path(MAGSEL_TEST_DATA) / "good/override/user-n42.yaml", file);
    CacheResult r{};
    read_user_grade_file(file.string(), defaults(), &r);
    REQUIRE(r == CacheResult::stored);
    read_user_grade_file(file.string(), defaults(), &r);
    REQUIRE(r == CacheResult::hit);
    // the same file by another name: its grades must carry that name
    const auto other_name = (box.grades / "." / "user.yaml").string();
    const auto renamed = read_user_grade_file(other_name, defaults(), &r);
    CHECK(r == CacheResult::stored);
    CHECK(renamed.grades.front().file == other_name);
    // family defaults in force are part of what the grades are
    auto changed = defaults();
    changed.begin()->second.density.value *= 1.01;
    read_user_grade_file(other_name, changed, &r);
    CHECK(r == CacheResult::stored);
    read_user_grade_file(other_name, changed, &r);
    CHECK(r == CacheResult::hit);
}

TEST_CASE("a modified grade file is read again, not taken from the cache", "[cache]") {
    Sandbox box("modified");
    const auto file = box.grades / "user.yaml";
    auto text = slurp(fs::path(MAGSEL_TEST_DATA) / "good/override/user-n42.yaml");
    write(file, text);
    set_mtime(file, 1700000000);
    CacheResult r{};
    CHECK(read_user_grade_file(file.string(), defaults(), &r).grades.front().remanence.min->value() == Approx(1.31));
    REQUIRE(r == CacheResult::stored);

    SECTION("new content and a new mtime") {
        const auto at = text.find("1.31 T");
        REQUIRE(at != std::string::npos);
        text.replace(at, 6, "1.25 T");
        write(file, text);
        set_mtime(file, 1700000100);
        const auto again = read_user_grade_file(file.string(), defaults(), &r);
        CHECK(r == CacheResult::stored);
        CHECK(again.grades.front().remanence.min->value() == Approx(1.25));
        CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == again.grades);
        CHECK(r == CacheResult::hit);
    }
    SECTION("new content of the same size with the old mtime put back") {
        const auto at = text.find("1.31 T");
        text.replace(at, 6, "1.29 T");
        write(file, text);
        set_mtime(file, 1700000000);
        const auto again = read_user_grade_file(file.string(), defaults(), &r);
        CHECK(r == CacheResult::stored);
        CHECK(again.grades.front().remanence.min->value() == Approx(1.29));
    }
}

TEST_CASE("a damaged cache entry is ignored and rewritten", "[cache][bad-input]") {
    Sandbox box("corrupt");
    const auto file = box.grades / "standard.yaml";
    fs::copy_file(fs::path(MAGSEL_GRADES_DIR) / "sintered-ndfeb-standard.yaml", file);
    const auto reference = parsed(file);
    CacheResult r{};
    read_user_grade_file(file.string(), defaults(), &r);
    REQUIRE(r == CacheResult::stored);
    const auto entry = box.entry_of(file);
    const auto good = slurp(entry);
    REQUIRE(good.size() > 1000);

    auto fix_checksum = [](std::string bytes) {  // damage the checksum cannot see
        const auto sum = magsel::detail::fnv1a64(std::string_view(bytes).substr(24));
        std::memcpy(bytes.data() + 16, &sum, 8);
        return bytes;
    };
    std::mt19937 random(17);
    std::string garbage(good.size(), '\0');
    for (auto& c : garbage) c = static_cast<char>(random() & 0xFF);
    std::string flipped = good;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x20);
    std::string old_format = good;
    const auto at = old_format.find(std::string(magsel::detail::snapshot_format()));
    REQUIRE(at != std::string::npos);
    old_format.replace(at, magsel::detail::snapshot_format().size(), "magsel-snapshot-8");
    // a count in the snapshot far beyond the bytes there (the grade count follows the empty
    // family-defaults list): bounded, never a huge allocation
    std::string huge_count = good;
    const std::uint64_t many = 1ull << 40;
    std::memcpy(huge_count.data() + at + magsel::detail::snapshot_format().size() + 8, &many, 8);

    const std::vector<std::pair<std::string, std::string>> damaged = {
        {"empty", ""},
        {"truncated to the header", good.substr(0, 24)},
        {"truncated to half", good.substr(0, good.size() / 2)},
        {"one byte short", good.substr(0, good.size() - 1)},
        {"a byte appended", good + "x"},
        {"random bytes", garbage},
        {"one bit flipped", flipped},
        {"another snapshot format, checksum fixed", fix_checksum(old_format)},
        {"a huge count, checksum fixed", fix_checksum(huge_count)},
        {"truncated, checksum and length fixed", [&] {
             auto t = good.substr(0, good.size() - 100);
             const std::uint64_t n = t.size() - 24;
             std::memcpy(t.data() + 8, &n, 8);
             return fix_checksum(t);
         }()},
    };
    for (const auto& [what, bytes] : damaged) {
        CAPTURE(what);
        write(entry, bytes);
        const auto contents = read_user_grade_file(file.string(), defaults(), &r);
        CHECK(r == CacheResult::stored);
        CHECK(contents.grades == reference);
        CHECK(slurp(entry) == good);  // rewritten whole
        read_user_grade_file(file.string(), defaults(), &r);
        CHECK(r == CacheResult::hit);
    }
    // an entry of another magsel build, or for another file, has another key
    CHECK_FALSE(magsel::detail::decode_cache_entry(good, "another key").has_value());
    // a directory or a symbolic link where the entry belongs is not read
    fs::remove(entry);
    fs::create_directory(entry);
    CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
    CHECK(r == CacheResult::not_stored);
    fs::remove(entry);
    write(box.root / "elsewhere.bin", good);
    fs::create_symlink(box.root / "elsewhere.bin", entry);
    CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
    CHECK(r == CacheResult::stored);  // the link itself is replaced by the new entry
    CHECK_FALSE(fs::is_symlink(entry));
}

TEST_CASE("the reader's warnings are stored with the entry", "[cache]") {
    Sandbox box("warnings");
    const auto file = box.grades / "user.yaml";
    fs::copy_file(fs::path(MAGSEL_TEST_DATA) / "good/override/user-n42.yaml", file);
    const magsel::detail::GradeFileContents contents{parsed(file), {"user.yaml:5: a warning", "a second one"}};
    const auto bytes = magsel::detail::encode_cache_entry("key", contents);
    const auto back = magsel::detail::decode_cache_entry(bytes, "key");
    REQUIRE(back.has_value());
    CHECK(back->warnings == contents.warnings);
    CHECK(back->grades == contents.grades);

    // the catalogue's notice about a replaced built-in grade is there on a hit too
    CacheResult r{};
    for (int run = 0; run < 2; ++run) {
        auto c = Catalogue::builtin();
        c.add_directory(box.grades.string());
        REQUIRE(c.notices().size() == 1);
        CHECK_THAT(c.notices().front(), Contains("grade N42 replaces the built-in grade") && Contains("user.yaml:5"));
        CHECK_FALSE(c.find("N42").builtin);
    }
    read_user_grade_file(file.string(), defaults(), &r);
    CHECK(r == CacheResult::hit);
}

TEST_CASE("an unusable cache directory never fails a run", "[cache][bad-input]") {
    Sandbox box("unusable");
    const auto file = box.grades / "user.yaml";
    fs::copy_file(fs::path(MAGSEL_TEST_DATA) / "good/override/user-n42.yaml", file);
    const auto reference = parsed(file);
    CacheResult r{};

    SECTION("XDG_CACHE_HOME is a regular file") {
        write(box.root / "a-file", "x");
        ScopedEnv xdg("XDG_CACHE_HOME", (box.root / "a-file").string());
        CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
        CHECK(r == CacheResult::not_stored);
        CHECK(slurp(box.root / "a-file") == "x");
    }
    SECTION("the magsel cache directory is a regular file") {
        write(box.cache_home / "magsel", "x");
        CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
        CHECK(r == CacheResult::not_stored);
        CHECK(slurp(box.cache_home / "magsel") == "x");
    }
    SECTION("the cache directory is read-only") {
        fs::create_directory(box.cache_home / "magsel");
        fs::permissions(box.cache_home / "magsel", fs::perms::owner_read | fs::perms::owner_exec);
        CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
        if (::geteuid() != 0) {  // root writes anyway
            CHECK(r == CacheResult::not_stored);
            CHECK(box.entries() == 0);
        }
        // entries already there are still read
        fs::permissions(box.cache_home / "magsel", fs::perms::owner_all);
        read_user_grade_file(file.string(), defaults(), &r);
        fs::permissions(box.cache_home / "magsel", fs::perms::owner_read | fs::perms::owner_exec);
        CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
        CHECK(r == CacheResult::hit);
    }
    SECTION("the cache directory's parent does not exist and cannot be made") {
        ScopedEnv xdg("XDG_CACHE_HOME", (box.root / "a-file" / "deeper").string());
        write(box.root / "a-file", "x");
        CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
        CHECK(r == CacheResult::not_stored);
    }
    SECTION("no cache: MAGSEL_NO_CACHE, or neither XDG_CACHE_HOME nor HOME") {
        {
            ScopedEnv off("MAGSEL_NO_CACHE", std::string("1"));
            CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
            CHECK(r == CacheResult::off);
        }
        {
            ScopedEnv zero("MAGSEL_NO_CACHE", std::string("0"));  // "0" does not turn it off
            read_user_grade_file(file.string(), defaults(), &r);
            CHECK(r == CacheResult::stored);
        }
        ScopedEnv xdg("XDG_CACHE_HOME", std::string("relative/dir"));  // ignored, as XDG says
        ScopedEnv home("HOME", std::nullopt);
        CHECK(read_user_grade_file(file.string(), defaults(), &r).grades == reference);
        CHECK(r == CacheResult::off);
        CHECK_FALSE(fs::exists("relative"));
    }
}

TEST_CASE("a bad grade file fails every run and leaves no cache entry", "[cache][bad-input]") {
    Sandbox box("bad");
    const auto file = box.grades / "wrong-dimension.yaml";
    fs::copy_file(fs::path(MAGSEL_TEST_DATA) / "bad/grades/wrong-dimension.yaml", file);
    for (int run = 0; run < 2; ++run) {
        CHECK_THROWS_WITH(read_user_grade_file(file.string(), defaults()),
                          Contains("wrong-dimension.yaml:7:22: error:") && Contains("a mass"));
        auto c = Catalogue::builtin();
        CHECK_THROWS_AS(c.add_directory(box.grades.string()), magsel::InputError);
    }
    CHECK(box.entries() == 0);

    // a good file's entry goes when the file turns bad
    const auto good = box.grades / "user.yaml";
    fs::remove(file);
    fs::copy_file(fs::path(MAGSEL_TEST_DATA) / "good/override/user-n42.yaml", good);
    CacheResult r{};
    read_user_grade_file(good.string(), defaults(), &r);
    REQUIRE(r == CacheResult::stored);
    REQUIRE(box.entries() == 1);
    write(good, slurp(good) + "  - name: N42X\n    remanence: {min: 1.2 kg}\n");
    CHECK_THROWS_AS(read_user_grade_file(good.string(), defaults()), magsel::InputError);
    CHECK(box.entries() == 0);
}

TEST_CASE("cache housekeeping removes the entries of deleted grade files and old temporary files, nothing else",
          "[cache]") {
    Sandbox box("prune");
    const auto kept = box.grades / "kept.yaml";
    const auto gone = box.grades / "gone.yaml";
    const auto text = slurp(std::string(MAGSEL_GRADES_DIR) + "/ferrite-sjt10410.yaml");
    write(kept, text);
    write(gone, text);
    CacheResult r{};
    read_user_grade_file(kept.string(), defaults(), &r);
    REQUIRE(r == CacheResult::stored);
    read_user_grade_file(gone.string(), defaults(), &r);
    REQUIRE(r == CacheResult::stored);
    const auto dir = box.cache_home / "magsel";
    const auto gone_entry = box.entry_of(gone);
    // a temporary file of a killed run, two days old, and one just written (another run's, in use)
    const auto old_temporary = dir / "grades-0123456789abcdef.bin.AbC123";
    const auto new_temporary = dir / "grades-0123456789abcdef.bin.XyZ789";
    write(old_temporary, "partial");
    write(new_temporary, "partial");
    fs::last_write_time(old_temporary, fs::file_time_type::clock::now() - std::chrono::hours(48));
    // files that are not entries are never touched
    write(dir / "notes.txt", "mine");
    write(dir / "grades-ffffffffffffffff.bin", "not an entry");
    REQUIRE(box.entries() == 6);

    CHECK(magsel::detail::prune_cache(dir.string()) == 1);  // every grade file is there: only the
    CHECK(box.entries() == 5);                               // old temporary file goes
    CHECK_FALSE(fs::exists(old_temporary));
    fs::remove(gone);
    CHECK(magsel::detail::prune_cache(dir.string()) == 1);
    CHECK_FALSE(fs::exists(gone_entry));
    CHECK(fs::exists(box.entry_of(kept)));
    CHECK(fs::exists(new_temporary));
    CHECK(fs::exists(dir / "notes.txt"));
    CHECK(fs::exists(dir / "grades-ffffffffffffffff.bin"));
    // the kept file still reads from its entry
    read_user_grade_file(kept.string(), defaults(), &r);
    CHECK(r == CacheResult::hit);
    // a missing or unreadable directory is no error
    CHECK(magsel::detail::prune_cache((box.root / "nowhere").string()) == 0);
}
