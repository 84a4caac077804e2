// progress_bar.hpp — a progress bar on stderr for long runs, drawn only on a terminal and only
// once the run has taken a second; erased when done.
#pragma once

#include <chrono>
#include <cstddef>

namespace magsel::cli {

class ProgressBar {
public:
    ProgressBar();
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    /// `done` of `total` work items are done.
    void operator()(std::size_t done, std::size_t total);

private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace magsel::cli
