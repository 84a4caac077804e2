// random.hpp (private) — a small, portable random-number generator for Monte Carlo runs.
//
// xoshiro256** (D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 47(4), 2021; reference code at prng.di.unimi.it), seeded through splitmix64 as its
// authors recommend. Written out here, rather than std::mt19937_64 with std::*_distribution,
// because the standard distributions differ between library implementations: a seed must give
// the same answer on every machine.
#pragma once

#include <cmath>
#include <cstdint>

namespace magsel::detail {

/// splitmix64: one step of a 64-bit mixing sequence; also hashes (seed, stream) into a seed.
inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class Random {
public:
    /// Stream `stream` of seed `seed`: independent streams for independent blocks of work.
    Random(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t mix = seed;
        const std::uint64_t a = splitmix64(mix);
        mix = a ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
        for (auto& word : s_) word = splitmix64(mix);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    /// Uniform on [0, 1): the top 53 bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// Standard normal, by the Box–Muller transform (both values used).
    double normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        constexpr double two_pi = 6.283185307179586476925;
        spare_ = r * std::sin(two_pi * u2);
        has_spare_ = true;
        return r * std::cos(two_pi * u2);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4] = {};
    double spare_ = 0.0;
    bool has_spare_ = false;
};

}  // namespace magsel::detail
