# Install the library, its public headers, the CLI and a CMake package (magsel::magsel).
include(CMakePackageConfigHelpers)

install(TARGETS magsel magsel_warnings EXPORT magselTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lib/include/magsel DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/lib/generated/magsel/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/magsel)
if(MAGSEL_BUILD_CLI)
  install(TARGETS magsel_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(magsel_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/magsel)
install(EXPORT magselTargets NAMESPACE magsel:: DESTINATION ${magsel_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/magselConfig.cmake.in
  ${PROJECT_BINARY_DIR}/magselConfig.cmake INSTALL_DESTINATION ${magsel_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/magselConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/magselConfig.cmake ${PROJECT_BINARY_DIR}/magselConfigVersion.cmake
  DESTINATION ${magsel_cmake_dir})
