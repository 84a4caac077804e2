// The Catch2 v2 main (Debian's Catch2 2.13 has no Catch2WithMain target).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include <unistd.h>

int main(int argc, char** argv) {
    // The tests never write into the user's ~/.cache: without an XDG_CACHE_HOME (CTest sets one
    // in the build tree), magsel's cache of user grade files goes to a directory under /tmp.
    if (std::getenv("XDG_CACHE_HOME") == nullptr) {
        const std::string dir = "/tmp/magsel-tests-cache-" + std::to_string(::getuid());
        ::setenv("XDG_CACHE_HOME", dir.c_str(), 1);
    }
    return Catch::Session().run(argc, argv);
}
