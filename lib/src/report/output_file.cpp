#include "magsel/output_file.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "data/input_files.hpp"
#include "magsel/error.hpp"

namespace magsel {

// ---- the inputs of this run ---------------------------------------------------------------------

namespace detail {
namespace {
std::mutex inputs_mutex;
std::map<std::pair<dev_t, ino_t>, std::string>& inputs() {
    static std::map<std::pair<dev_t, ino_t>, std::string> m;
    return m;
}
}  // namespace

void note_input_file(dev_t device, ino_t inode, const std::string& name) {
    const std::lock_guard lock(inputs_mutex);
    inputs().emplace(std::pair{device, inode}, name);
}

std::string input_file_name(dev_t device, ino_t inode) {
    const std::lock_guard lock(inputs_mutex);
    const auto it = inputs().find({device, inode});
    return it == inputs().end() ? std::string() : it->second;
}
}  // namespace detail

namespace {

namespace fs = std::filesystem;

// ---- temporary files removed on a signal --------------------------------------------------------
// A fixed table the handler can read without allocating: a slot is claimed (its path written,
// then `used` set) before the file exists and released after it is renamed or removed.
constexpr std::size_t max_temporaries = 32;
struct TemporarySlot {
    std::atomic<bool> used{false};
    std::array<char, 4096> path{};
};
std::array<TemporarySlot, max_temporaries> temporaries;

extern "C" void remove_temporaries_and_reraise(int signal_number) {
    for (auto& slot : temporaries)
        if (slot.used.load()) ::unlink(slot.path.data());
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

void install_signal_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) {
            struct sigaction old {};
            ::sigaction(s, nullptr, &old);
            if (old.sa_handler == SIG_IGN) continue;  // e.g. nohup: keep ignoring it
            struct sigaction sa {};
            sa.sa_handler = remove_temporaries_and_reraise;
            sigemptyset(&sa.sa_mask);
            ::sigaction(s, &sa, nullptr);
        }
    });
}

TemporarySlot* claim_slot(const std::string& path) {
    if (path.size() >= TemporarySlot{}.path.size()) return nullptr;
    for (auto& slot : temporaries) {
        bool expected = false;
        if (slot.used.load() || slot.path[0] != '\0') continue;
        std::memcpy(slot.path.data(), path.c_str(), path.size() + 1);
        if (slot.used.compare_exchange_strong(expected, true)) return &slot;
    }
    return nullptr;
}

void release_slot(TemporarySlot* slot) {
    if (slot == nullptr) return;
    slot->used.store(false);
    slot->path[0] = '\0';
}

std::string error_text() { return std::strerror(errno); }

bool write_all(int fd, const std::string& content) {
    std::size_t done = 0;
    while (done < content.size()) {
        const auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

struct OutputFiles::State {
    struct Item {
        std::string path;       // as given
        std::string target;     // the file replaced (a symbolic link resolved)
        std::string temporary;  // "" for a special file, written in place at commit
        TemporarySlot* slot = nullptr;
        std::string content;    // for a special file
        dev_t device = 0;
        ino_t inode = 0;
        bool exists = false;
    };
    std::vector<Item> items;

    void discard() {
        for (auto& i : items) {
            if (!i.temporary.empty()) ::unlink(i.temporary.c_str());
            release_slot(i.slot);
            i.slot = nullptr;
            i.temporary.clear();
        }
        items.clear();
    }
};

OutputFiles::OutputFiles() : state_(std::make_unique<State>()) {}

OutputFiles::~OutputFiles() { state_->discard(); }

void OutputFiles::add(const std::string& path, const std::string& content) {
    auto fail = [&](const std::string& why) -> void { throw UsageError(fmt::format("cannot write `{}`: {}", path, why)); };
    if (path.empty()) fail("no file name");
    State::Item item;
    item.path = path;
    item.target = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        item.exists = true;
        item.device = st.st_dev;
        item.inode = st.st_ino;
        if (S_ISDIR(st.st_mode)) fail("it is a directory");
        if (S_ISBLK(st.st_mode)) fail("it is a block device; magsel writes files, character devices and FIFOs");
        if (S_ISSOCK(st.st_mode)) fail("it is a socket");
        const auto input = detail::input_file_name(st.st_dev, st.st_ino);
        if (!input.empty())
            fail(input == path ? "it is an input of this run; magsel does not overwrite its inputs"
                               : fmt::format("it is the input `{}` of this run; magsel does not overwrite its inputs", input));
        for (const auto& other : state_->items)
            if (other.exists && other.device == st.st_dev && other.inode == st.st_ino)
                fail(fmt::format("`{}` is the same file; give each output its own file", other.path));
        if (!S_ISREG(st.st_mode)) {  // a character device or a FIFO: written in place, never replaced
            item.content = content;
            state_->items.push_back(std::move(item));
            return;
        }
        // a regular file, perhaps through symbolic links: replace the file they lead to
        char* real = ::realpath(path.c_str(), nullptr);
        if (real == nullptr) fail(error_text());
        item.target = real;
        std::free(real);
    } else {
        const int stat_error = errno;
        struct stat link {};
        if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
            fail(stat_error == ELOOP ? "a loop of symbolic links"
                                     : "a symbolic link to nothing (magsel writes through a link only to an existing file)");
        if (stat_error != ENOENT) fail(std::strerror(stat_error));
        for (const auto& other : state_->items)
            if (!other.exists && other.target == path) fail(fmt::format("`{}` is the same file; give each output its own file", other.path));
    }

    const fs::path target(item.target);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temporary = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    install_signal_handlers();
    item.slot = claim_slot(temporary);  // the pattern: mkstemp only replaces the X's, in place
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
        const auto why = error_text();
        release_slot(item.slot);
        fail(fmt::format("cannot create a file in `{}`: {}", dir.string(), why));
    }
    if (item.slot != nullptr) std::memcpy(item.slot->path.data(), temporary.c_str(), temporary.size() + 1);
    item.temporary = temporary;
    // keep an existing file's permissions (and, as root, its owner); a new file gets 0644 less the umask
    if (item.exists) {
        if (::geteuid() == 0) (void)::fchown(fd, st.st_uid, st.st_gid);
        ::fchmod(fd, st.st_mode & 07777);
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd, 0644 & ~mask);
    }
    const bool written = write_all(fd, content);
    const int write_error = errno;
    if (::close(fd) != 0 || !written) {
        ::unlink(temporary.c_str());
        release_slot(item.slot);
        fail(written ? error_text() : std::strerror(write_error));
    }
    state_->items.push_back(std::move(item));
}

void OutputFiles::commit() {
    for (auto& i : state_->items) {
        if (i.temporary.empty()) {
            // O_NONBLOCK on open: a FIFO nobody reads is an error, not a hang
            const int fd = ::open(i.path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0)
                throw UsageError(fmt::format("cannot write `{}`: {}", i.path,
                                             errno == ENXIO ? "a FIFO nobody reads" : error_text()));
            const int flags = ::fcntl(fd, F_GETFL);
            if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
            const bool ok = write_all(fd, i.content);
            const int e = errno;
            ::close(fd);
            if (!ok) throw UsageError(fmt::format("cannot write `{}`: {}", i.path, std::strerror(e)));
            continue;
        }
        if (::rename(i.temporary.c_str(), i.target.c_str()) != 0) {
            const auto why = error_text();
            throw UsageError(fmt::format("cannot write `{}`: {}", i.path, why));
        }
        release_slot(i.slot);
        i.slot = nullptr;
        i.temporary.clear();
    }
    state_->items.clear();
}

void write_file_atomically(const std::string& path, const std::string& content) {
    OutputFiles out;
    out.add(path, content);
    out.commit();
}

}  // namespace magsel
