# Install and package rules for borderstats, included from the top-level
# CMakeLists.txt when BORDERSTATS_INSTALL is ON (the default when borderstats
# is the top-level project; a parent project may turn it on to ship our
# headers and package files with its own install).
#
# The library is header-only, so everything goes to arch-independent places:
#   <prefix>/include/borderstats/...                 the headers
#   <prefix>/share/borderstats/borderstats*.cmake    the CMake package
#   <prefix>/share/pkgconfig/borderstats.pc          the pkg-config module (core)
#   <prefix>/share/pkgconfig/borderstats-boost-date-time.pc   the Boost interop module
#   <prefix>/share/doc/borderstats/LICENSE
include(CMakePackageConfigHelpers)

set(BORDERSTATS_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/borderstats"
    CACHE STRING "Where the borderstats CMake package files are installed, relative to the prefix")
mark_as_advanced(BORDERSTATS_CMAKE_INSTALL_DIR)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")

install(TARGETS borderstats EXPORT borderstatsTargets)
install(EXPORT borderstatsTargets
        NAMESPACE borderstats::
        DESTINATION "${BORDERSTATS_CMAKE_INSTALL_DIR}")

# The build tree is a usable package too: -Dborderstats_DIR=<build dir>.
export(EXPORT borderstatsTargets
       NAMESPACE borderstats::
       FILE "${PROJECT_BINARY_DIR}/borderstatsTargets.cmake")

configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/borderstatsConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/borderstatsConfig.cmake"
    INSTALL_DESTINATION "${BORDERSTATS_CMAKE_INSTALL_DIR}")
# SameMajorVersion: 0.x releases may break each other's API, but CMake's rule
# only compares the major number; bump the major on the first stable release.
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/borderstatsConfigVersion.cmake"
    VERSION "${PROJECT_VERSION}"
    COMPATIBILITY SameMajorVersion
    ARCH_INDEPENDENT)
# The Boost interop component (borderstats::boost_date_time) is shipped
# whether or not Boost was found here: the consumer's find_package looks for
# Boost when it asks for the component.
configure_file("${PROJECT_SOURCE_DIR}/cmake/borderstatsBoostDateTimeTargets.cmake"
               "${PROJECT_BINARY_DIR}/borderstatsBoostDateTimeTargets.cmake" COPYONLY)
install(FILES
            "${PROJECT_BINARY_DIR}/borderstatsConfig.cmake"
            "${PROJECT_BINARY_DIR}/borderstatsConfigVersion.cmake"
            "${PROJECT_BINARY_DIR}/borderstatsBoostDateTimeTargets.cmake"
        DESTINATION "${BORDERSTATS_CMAKE_INSTALL_DIR}")

# pkg-config. Relocatable: every path is relative to ${pcfiledir}.
set(BORDERSTATS_PC_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/pkgconfig")
if(IS_ABSOLUTE "${BORDERSTATS_PC_INSTALL_DIR}")
    # An absolute DATADIR cannot be relative to the prefix: use it as given.
    set(BORDERSTATS_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
    set(BORDERSTATS_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
    set(_borderstats_pc_dir "/borderstats-prefix/${BORDERSTATS_PC_INSTALL_DIR}")
    file(RELATIVE_PATH _borderstats_up "${_borderstats_pc_dir}" "/borderstats-prefix")
    string(REGEX REPLACE "/$" "" _borderstats_up "${_borderstats_up}")
    set(BORDERSTATS_PC_PREFIX "\${pcfiledir}/${_borderstats_up}")
    if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
        set(BORDERSTATS_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
    else()
        set(BORDERSTATS_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
    endif()
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/borderstats.pc.in"
               "${PROJECT_BINARY_DIR}/borderstats.pc" @ONLY)

# The Boost interop module, borderstats-boost-date-time: Requires borderstats.
# Boost ships no .pc file on Debian (nor in its own CMake package), so the .pc
# cannot name it in Requires. Where Boost's headers sit in a compiler's
# default include directory (Debian's /usr/include) nothing is needed; else the
# directory found at configure time, if Boost was looked for, is added to
# Cflags (an absolute path: the one part of the file that does not move).
set(BORDERSTATS_PC_EXTRA_CFLAGS "")
set(_borderstats_boost_includes "")
if(TARGET Boost::headers)
    get_target_property(_borderstats_boost_includes Boost::headers INTERFACE_INCLUDE_DIRECTORIES)
endif()
if(_borderstats_boost_includes)
    foreach(_dir IN LISTS _borderstats_boost_includes)
        if(NOT _dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES
           AND NOT _dir STREQUAL "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
            string(APPEND BORDERSTATS_PC_EXTRA_CFLAGS " -I${_dir}")
        endif()
    endforeach()
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/borderstats-boost-date-time.pc.in"
               "${PROJECT_BINARY_DIR}/borderstats-boost-date-time.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/borderstats.pc" "${PROJECT_BINARY_DIR}/borderstats-boost-date-time.pc"
        DESTINATION "${BORDERSTATS_PC_INSTALL_DIR}")

install(FILES "${PROJECT_SOURCE_DIR}/LICENSE"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")
