# Packaging checks, one per ctest test (tests/CMakeLists.txt, label
# `packaging`). Run as
#   cmake -DSTEP=<step> -DSOURCE_DIR=<borderstats tree> -DBUILD_DIR=<its build tree>
#         -DWORK_DIR=<scratch dir> -DPREFIX=<install prefix>
#         [-DCXX_COMPILER=...] [-DGENERATOR=...] [-DMAKE_PROGRAM=...] [-DPKG_CONFIG=...]
#         -P consumer.cmake
# Steps:
#   install           cmake --install BUILD_DIR into PREFIX (wiped first); check the files
#   find_package      tests/consumer against PREFIX with find_package(borderstats CONFIG),
#                     Boost hidden (CMAKE_DISABLE_FIND_PACKAGE_Boost): the core needs none
#   find_package_boost  the same with COMPONENTS boost_date_time and the interop target
#   build_tree        tests/consumer against BUILD_DIR's exported package
#   version_too_new   find_package(borderstats 99) against PREFIX must fail, naming the version
#   subdirectory      tests/consumer with add_subdirectory(SOURCE_DIR) and
#                     BORDERSTATS_INSTALL=ON, Boost hidden; its install must hold our package
#   subdirectory_boost  the same with BORDERSTATS_BOOST_DATE_TIME=ON and the interop target
#   fetchcontent      tests/consumer with FetchContent (SOURCE_DIR, offline); its
#                     install must hold none of our files (BORDERSTATS_INSTALL defaults OFF)
#   pkgconfig         compile tests/consumer/main.cpp with `pkg-config --cflags borderstats`
#   pkgconfig_boost   the same with `pkg-config --cflags borderstats-boost-date-time`
# The core-only steps (find_package, build_tree, subdirectory, fetchcontent)
# hide Boost from CMake; every consumer is linked with -Wl,--no-as-needed and
# must name no Boost library (header-only means nothing to link).
# Everything runs offline and in WORK_DIR/<step>.
cmake_minimum_required(VERSION 3.21)

foreach(var IN ITEMS STEP SOURCE_DIR WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "consumer.cmake: -D${var}=... is required")
    endif()
endforeach()
set(consumer_dir "${SOURCE_DIR}/tests/consumer")
set(step_dir "${WORK_DIR}/${STEP}")

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        string(REPLACE ";" " " cmd "${ARGN}")
        message(FATAL_ERROR "command failed (${rc}): ${cmd}\n${out}\n${err}")
    endif()
    set(run_output "${out}" PARENT_SCOPE)
endfunction()

function(require_files root)
    foreach(file IN LISTS ARGN)
        if(NOT EXISTS "${root}/${file}")
            message(FATAL_ERROR "missing ${root}/${file}")
        endif()
    endforeach()
endfunction()

# Configure, build and run tests/consumer with the extra -D arguments given.
function(build_and_run_consumer)
    file(REMOVE_RECURSE "${step_dir}")
    set(args -S "${consumer_dir}" -B "${step_dir}/build" -DCMAKE_BUILD_TYPE=Release
             "-DCMAKE_INSTALL_PREFIX=${step_dir}/prefix" -DFETCHCONTENT_FULLY_DISCONNECTED=ON
             "-DCMAKE_EXE_LINKER_FLAGS=-Wl,--no-as-needed")
    if(CXX_COMPILER)
        list(APPEND args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
    endif()
    if(GENERATOR)
        list(APPEND args -G "${GENERATOR}")
    endif()
    if(MAKE_PROGRAM)
        list(APPEND args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
    endif()
    run("${CMAKE_COMMAND}" ${args} ${ARGN})
    message("${run_output}")
    run("${CMAKE_COMMAND}" --build "${step_dir}/build")
    check_consumer("${step_dir}/build/consumer")
    run("${CMAKE_COMMAND}" --install "${step_dir}/build")
endfunction()

# Run a built consumer, check its figures, and check it needs no Boost library.
function(check_consumer program)
    run("${program}")
    message("${run_output}")
    if(NOT run_output MATCHES "FY2019 total: 851,508 \\(\\+115% on FY2018\\)")
        message(FATAL_ERROR "unexpected consumer output: ${run_output}")
    endif()
    file(STRINGS "${program}" boost_libraries REGEX "libboost")
    if(boost_libraries)
        message(FATAL_ERROR "${program} names a Boost library: ${boost_libraries}")
    endif()
endfunction()

# <step>_boost: the same step with the Boost interop; <step>: Boost hidden.
string(REGEX REPLACE "_boost$" "" base_step "${STEP}")
if(STEP MATCHES "_boost$")
    set(boost_args -DBORDERSTATS_CONSUMER_BOOST=ON)
else()
    set(boost_args -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON)
endif()

set(installed_files
    include/borderstats/borderstats.hpp
    include/borderstats/version.hpp
    share/borderstats/borderstatsConfig.cmake
    share/borderstats/borderstatsConfigVersion.cmake
    share/borderstats/borderstatsTargets.cmake
    share/borderstats/borderstatsBoostDateTimeTargets.cmake
    share/pkgconfig/borderstats.pc
    share/pkgconfig/borderstats-boost-date-time.pc
    share/doc/borderstats/LICENSE)

if(STEP STREQUAL "install")
    file(REMOVE_RECURSE "${PREFIX}")
    run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}")
    require_files("${PREFIX}" ${installed_files})
    # Header-only: nothing arch-specific may be installed.
    file(GLOB_RECURSE binaries "${PREFIX}/lib*/*" "${PREFIX}/bin/*")
    if(binaries)
        message(FATAL_ERROR "a header-only install holds lib or bin files: ${binaries}")
    endif()
    message("installed borderstats into ${PREFIX}")

elseif(base_step STREQUAL "find_package")
    build_and_run_consumer("-DCMAKE_PREFIX_PATH=${PREFIX}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF ${boost_args})

elseif(STEP STREQUAL "build_tree")
    build_and_run_consumer("-Dborderstats_DIR=${BUILD_DIR}" ${boost_args})

elseif(STEP STREQUAL "version_too_new")
    file(REMOVE_RECURSE "${step_dir}")
    execute_process(
        COMMAND "${CMAKE_COMMAND}" -S "${consumer_dir}" -B "${step_dir}/build"
                "-DCMAKE_PREFIX_PATH=${PREFIX}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
                -DBORDERSTATS_CONSUMER_REQUIRED_VERSION=99
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(rc EQUAL 0)
        message(FATAL_ERROR "find_package(borderstats 99) succeeded against version 0.x")
    endif()
    if(NOT err MATCHES "requested version \"99\"")
        message(FATAL_ERROR "find_package(borderstats 99) failed for another reason:\n${err}")
    endif()
    message("find_package(borderstats 99) fails, as it must")

elseif(base_step STREQUAL "subdirectory")
    build_and_run_consumer("-DBORDERSTATS_CONSUMER_MODE=subdirectory" "-DBORDERSTATS_SOURCE_DIR=${SOURCE_DIR}"
                           -DBORDERSTATS_INSTALL=ON ${boost_args})
    require_files("${step_dir}/prefix" ${installed_files})
    message("a parent project with BORDERSTATS_INSTALL=ON installs the borderstats package")

elseif(STEP STREQUAL "fetchcontent")
    build_and_run_consumer("-DBORDERSTATS_CONSUMER_MODE=fetchcontent" "-DBORDERSTATS_SOURCE_DIR=${SOURCE_DIR}"
                           ${boost_args})
    file(GLOB_RECURSE ours "${step_dir}/prefix/*borderstats*")
    if(ours)
        message(FATAL_ERROR "a subproject with default options installed borderstats files: ${ours}")
    endif()

elseif(base_step STREQUAL "pkgconfig")
    if(NOT PKG_CONFIG)
        set(PKG_CONFIG pkg-config)
    endif()
    if(NOT CXX_COMPILER)
        set(CXX_COMPILER c++)
    endif()
    file(REMOVE_RECURSE "${step_dir}")
    file(MAKE_DIRECTORY "${step_dir}")
    set(ENV{PKG_CONFIG_PATH} "${PREFIX}/share/pkgconfig")
    set(module borderstats)
    set(defines "")
    if(STEP MATCHES "_boost$")
        set(module borderstats-boost-date-time)
        set(defines -DBORDERSTATS_CONSUMER_BOOST=1)
    endif()
    run("${PKG_CONFIG}" --modversion ${module})
    string(STRIP "${run_output}" version)
    run("${PKG_CONFIG}" --cflags ${module})
    string(STRIP "${run_output}" cflags)
    message("pkg-config --cflags ${module}: ${cflags}")
    # The .pc file is relocatable: its include dir must be the one in PREFIX.
    file(REAL_PATH "${PREFIX}/include" real_include)
    string(REGEX REPLACE "^-I" "" pc_include "${cflags}")
    separate_arguments(pc_include UNIX_COMMAND "${pc_include}")
    list(GET pc_include 0 pc_include)
    file(REAL_PATH "${pc_include}" pc_include)
    if(NOT pc_include STREQUAL real_include)
        message(FATAL_ERROR "pkg-config points at ${pc_include}, not at ${real_include}")
    endif()
    separate_arguments(cflags_list UNIX_COMMAND "${cflags}")
    # A strict consumer's warnings, with our headers on -I as pkg-config gives them.
    run("${CXX_COMPILER}" -std=c++17 -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
        -Wold-style-cast -Werror ${cflags_list} ${defines}
        "-DBORDERSTATS_EXPECTED_VERSION=\"${version}\"" -Wl,--no-as-needed
        "${consumer_dir}/main.cpp" -o "${step_dir}/consumer")
    check_consumer("${step_dir}/consumer")

else()
    message(FATAL_ERROR "consumer.cmake: unknown STEP '${STEP}'")
endif()
