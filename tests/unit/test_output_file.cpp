// OutputFiles: all or nothing, never over an input or a special file, no temporary left behind.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "magsel/error.hpp"
#include "magsel/output_file.hpp"
#include "data/yaml_reader.hpp"

namespace fs = std::filesystem;
using magsel::OutputFiles;

namespace {

fs::path fresh_directory(const std::string& name) {
    const auto dir = fs::temp_directory_path() / fmt::format("magsel-output-{}-{}", name, ::getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("OutputFiles commits every file together, and a failed run replaces none") {
    const auto dir = fresh_directory("all-or-none");
    std::ofstream(dir / "old.svg") << "old";
    {
        OutputFiles out;
        out.add((dir / "old.svg").string(), "new");
        CHECK_THROWS_AS(out.add((dir / "missing" / "x.csv").string(), "csv"), magsel::UsageError);
        // the run fails here: out goes out of scope uncommitted
    }
    CHECK(slurp(dir / "old.svg") == "old");
    CHECK(entries(dir) == 1);  // no temporary file left
    OutputFiles out;
    out.add((dir / "old.svg").string(), "new");
    out.add((dir / "x.csv").string(), "csv");
    CHECK(slurp(dir / "old.svg") == "old");  // nothing moves before commit
    out.commit();
    CHECK(slurp(dir / "old.svg") == "new");
    CHECK(slurp(dir / "x.csv") == "csv");
    CHECK(entries(dir) == 2);
    fs::remove_all(dir);
}

TEST_CASE("OutputFiles refuses an input of the run, by device and inode, under any name") {
    const auto dir = fresh_directory("input");
    std::ofstream(dir / "d.yaml") << "name: x\n";
    fs::create_hard_link(dir / "d.yaml", dir / "other-name.yaml");
    (void)magsel::detail::read_input_file((dir / "d.yaml").string(), "d.yaml");
    OutputFiles out;
    try {
        out.add((dir / "other-name.yaml").string(), "junit");
        FAIL("an input was accepted as an output");
    } catch (const magsel::UsageError& e) {
        CHECK_THAT(e.what(), Catch::Matchers::Contains("it is the input `d.yaml` of this run"));
    }
    CHECK(slurp(dir / "d.yaml") == "name: x\n");
    fs::remove_all(dir);
}

TEST_CASE("OutputFiles refuses the same file twice, a directory and a link to nothing") {
    const auto dir = fresh_directory("refusals");
    OutputFiles out;
    out.add((dir / "a.svg").string(), "a");
    CHECK_THROWS_WITH(out.add((dir / "a.svg").string(), "b"), Catch::Matchers::Contains("is the same file"));
    CHECK_THROWS_WITH(out.add(dir.string(), "b"), Catch::Matchers::Contains("it is a directory"));
    fs::create_symlink(dir / "nowhere", dir / "dangling.svg");
    CHECK_THROWS_WITH(out.add((dir / "dangling.svg").string(), "b"), Catch::Matchers::Contains("a symbolic link to nothing"));
    fs::create_symlink(dir / "loop2", dir / "loop1");
    fs::create_symlink(dir / "loop1", dir / "loop2");
    CHECK_THROWS_WITH(out.add((dir / "loop1").string(), "b"), Catch::Matchers::Contains("a loop of symbolic links"));
    fs::remove_all(dir);
}

TEST_CASE("OutputFiles writes a character device in place and replaces a link's target, keeping the link and the mode") {
    OutputFiles null_out;
    null_out.add("/dev/null", "svg");
    null_out.commit();
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));

    const auto dir = fresh_directory("link");
    std::ofstream(dir / "target.svg") << "old";
    fs::permissions(dir / "target.svg", fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink("target.svg", dir / "link.svg");
    OutputFiles out;
    out.add((dir / "link.svg").string(), "new");
    out.commit();
    CHECK(fs::is_symlink(dir / "link.svg"));
    CHECK(slurp(dir / "target.svg") == "new");
    CHECK((fs::status(dir / "target.svg").permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    fs::remove_all(dir);
}

TEST_CASE("OutputFiles removes its temporary file when the run is interrupted by SIGTERM or SIGINT") {
    for (int signal_number : {SIGTERM, SIGINT}) {
        const auto dir = fresh_directory("signal");
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            OutputFiles out;
            out.add((dir / "x.svg").string(), "staged");
            std::raise(signal_number);
            ::_exit(0);  // not reached
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == signal_number);
        CHECK(entries(dir) == 0);
        fs::remove_all(dir);
    }
}

TEST_CASE("read_input_file bounds the read, not the stat") {
    using magsel::detail::read_input_file;
    CHECK_THROWS_WITH(read_input_file("/dev/zero", "/dev/zero"), Catch::Matchers::Contains("more than 10 MiB to read"));
    CHECK_THROWS_WITH(read_input_file("/", "/"), Catch::Matchers::Contains("a directory, not a file"));
    const auto dir = fresh_directory("fifo");
    const auto fifo = (dir / "f").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(read_input_file(fifo, "f").empty());  // nobody writes: empty at once, not a hang
    fs::remove_all(dir);
}
