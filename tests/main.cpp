// The Catch2 v2 main (Debian's Catch2 2.13 has no Catch2WithMain target).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
