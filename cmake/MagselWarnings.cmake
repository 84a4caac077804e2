# magsel_warnings: an INTERFACE target our own targets link to get the project's warnings.
add_library(magsel_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(magsel_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                                   -Wno-sign-conversion)
  if(MAGSEL_WARNINGS_AS_ERRORS)
    target_compile_options(magsel_warnings INTERFACE -Werror)
  endif()
endif()
