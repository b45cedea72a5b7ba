# Runs ports/borderstats/portfile.cmake without vcpkg (which cannot run on the
# CI machine), with stand-ins for the vcpkg helpers it calls, then checks the
# tree it leaves. The stand-ins do the CMake part for real (configure with the
# port's options, install) and check what the real helpers would need; they do
# not rewrite paths as vcpkg_cmake_config_fixup and vcpkg_fixup_pkgconfig do.
#   cmake -DWORK_DIR=<scratch dir> [-DCXX_COMPILER=...] -P vcpkg_port.cmake
# Leaves the package tree in WORK_DIR/packages/borderstats_x64-linux.
cmake_minimum_required(VERSION 3.21)
if(NOT WORK_DIR)
    message(FATAL_ERROR "vcpkg_port.cmake: -DWORK_DIR=... is required")
endif()
get_filename_component(port_dir "${CMAKE_CURRENT_LIST_DIR}/../../ports/borderstats" ABSOLUTE)

file(READ "${port_dir}/vcpkg.json" manifest)
string(JSON PORT GET "${manifest}" name)
string(JSON VERSION GET "${manifest}" version)
set(TARGET_TRIPLET x64-linux)
set(CURRENT_PACKAGES_DIR "${WORK_DIR}/packages/${PORT}_${TARGET_TRIPLET}")
set(CURRENT_BUILDTREES_DIR "${WORK_DIR}/buildtrees/${PORT}")
file(REMOVE_RECURSE "${WORK_DIR}")
set(calls "")

function(vcpkg_from_github)
    message(FATAL_ERROR "the overlay port must build the local tree, not download (vcpkg_from_github called)")
endfunction()

function(vcpkg_cmake_configure)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "SOURCE_PATH" "OPTIONS;OPTIONS_RELEASE;OPTIONS_DEBUG")
    if(NOT VCPKG_BUILD_TYPE STREQUAL "release")
        message(FATAL_ERROR "a header-only port should set VCPKG_BUILD_TYPE release")
    endif()
    set(compiler "")
    if(CXX_COMPILER)
        set(compiler "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
    endif()
    execute_process(
        COMMAND "${CMAKE_COMMAND}" -S "${arg_SOURCE_PATH}" -B "${CURRENT_BUILDTREES_DIR}/${TARGET_TRIPLET}-rel"
                -DCMAKE_BUILD_TYPE=Release "-DCMAKE_INSTALL_PREFIX=${CURRENT_PACKAGES_DIR}" ${compiler}
                ${arg_OPTIONS} ${arg_OPTIONS_RELEASE}
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "vcpkg_cmake_configure: configure failed\n${out}\n${err}")
    endif()
    foreach(dir IN ITEMS tests examples benchmarks)
        if(EXISTS "${CURRENT_BUILDTREES_DIR}/${TARGET_TRIPLET}-rel/${dir}")
            message(FATAL_ERROR "vcpkg_cmake_configure: the port configures borderstats' ${dir}")
        endif()
    endforeach()
    set_property(GLOBAL APPEND PROPERTY vcpkg_calls configure)
endfunction()

function(vcpkg_cmake_install)
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${CURRENT_BUILDTREES_DIR}/${TARGET_TRIPLET}-rel" --target install
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "vcpkg_cmake_install: install failed\n${out}\n${err}")
    endif()
    set_property(GLOBAL APPEND PROPERTY vcpkg_calls install)
endfunction()

function(vcpkg_cmake_config_fixup)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "CONFIG_PATH;PACKAGE_NAME" "")
    if(NOT EXISTS "${CURRENT_PACKAGES_DIR}/${arg_CONFIG_PATH}/${PORT}Config.cmake")
        message(FATAL_ERROR "vcpkg_cmake_config_fixup: no ${PORT}Config.cmake in ${arg_CONFIG_PATH}")
    endif()
    set_property(GLOBAL APPEND PROPERTY vcpkg_calls config_fixup)
endfunction()

function(vcpkg_fixup_pkgconfig)
    file(GLOB_RECURSE pc_files "${CURRENT_PACKAGES_DIR}/*.pc")
    if(NOT pc_files)
        message(FATAL_ERROR "vcpkg_fixup_pkgconfig: no .pc file installed")
    endif()
    foreach(pc IN LISTS pc_files)
        file(READ "${pc}" text)
        if(text MATCHES "${CURRENT_PACKAGES_DIR}")
            message(FATAL_ERROR "vcpkg_fixup_pkgconfig: ${pc} holds the absolute package path")
        endif()
    endforeach()
    set_property(GLOBAL APPEND PROPERTY vcpkg_calls fixup_pkgconfig)
endfunction()

function(vcpkg_install_copyright)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "" "FILE_LIST")
    file(READ "${arg_FILE_LIST}" text)
    file(WRITE "${CURRENT_PACKAGES_DIR}/share/${PORT}/copyright" "${text}")
    set_property(GLOBAL APPEND PROPERTY vcpkg_calls copyright)
endfunction()

include("${port_dir}/portfile.cmake")

get_property(calls GLOBAL PROPERTY vcpkg_calls)
if(NOT calls STREQUAL "configure;install;config_fixup;fixup_pkgconfig;copyright")
    message(FATAL_ERROR "the portfile calls the vcpkg helpers as '${calls}'")
endif()
foreach(file IN ITEMS include/borderstats/borderstats.hpp share/borderstats/borderstatsConfig.cmake
                      share/borderstats/borderstatsConfigVersion.cmake share/borderstats/borderstatsTargets.cmake
                      share/borderstats/usage share/borderstats/copyright share/pkgconfig/borderstats.pc)
    if(NOT EXISTS "${CURRENT_PACKAGES_DIR}/${file}")
        message(FATAL_ERROR "the port leaves no ${file}")
    endif()
endforeach()
foreach(dir IN ITEMS debug lib bin)
    if(EXISTS "${CURRENT_PACKAGES_DIR}/${dir}")
        message(FATAL_ERROR "a header-only port leaves ${dir}/")
    endif()
endforeach()
message("vcpkg port ${PORT} ${VERSION}: portfile ran with stand-in helpers; package tree in ${CURRENT_PACKAGES_DIR}")
