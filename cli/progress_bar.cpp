#include "progress_bar.hpp"

#include <iostream>
#include <string>

#include <fmt/format.h>
#include <unistd.h>

namespace magsel::cli {

ProgressBar::ProgressBar() : enabled_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::operator()(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (elapsed < 1.0) return;
    const double fraction = static_cast<double>(done) / static_cast<double>(total);
    const auto filled = static_cast<std::size_t>(fraction * 40.0);
    std::cerr << fmt::format("\r[{:<40}] {:3.0f} %  {:.1f} s", std::string(filled, '#'), fraction * 100.0, elapsed)
              << std::flush;
    drawn_ = true;
}

ProgressBar::~ProgressBar() {
    if (drawn_) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
}

}  // namespace magsel::cli
