#===- QuantDynInstall.cmake - Install rules and the QuantDyn package -----===#
#
# Included at the end of the top-level CMakeLists.txt, once every target
# exists. `cmake --install <build> --prefix <prefix>` lays out:
#
#   include/quant-dyn/...      C++ headers, ODS .td files and the generated
#   include/quant-dyn-c/...    .h.inc / .cpp.inc; the C API headers
#   lib/libMLIRQuantDyn.a ...  the project's static libraries
#   bin/quant-dyn-opt, quant-dyn-compile, quant-dyn-runner, quant-dyn-lsp-server
#   lib/cmake/QuantDyn/        QuantDynConfig.cmake, QuantDynConfigVersion.cmake,
#                              QuantDynTargets.cmake (+ per-configuration file)
#
# find_package(QuantDyn CONFIG) (with QuantDyn_DIR or CMAKE_PREFIX_PATH, and
# MLIR_DIR for MLIR) then gives
#
#   QuantDyn::QuantDyn      everything mlir::quant_dyn::registerAllDialects /
#                           registerAllPasses, the pipelines and the compiler
#                           driver (Compiler.h) need, with the include
#                           directories of quant_dyn, MLIR and LLVM
#   QuantDyn::QuantDynCAPI  the C API (quant-dyn-c/Dialects.h) with the
#                           upstream C API archives it builds on
#   QuantDyn::<library>     each library on its own (QuantDynRuntime for
#                           programs that link ahead-of-time compiled objects)
#   QuantDyn::quant-dyn-opt, ... the tools (for lit configurations)
#
#===----------------------------------------------------------------------===#

include(CMakePackageConfigHelpers)

set(QUANT_DYN_INSTALL_PACKAGE_DIR lib/cmake/QuantDyn)

#===----------------------------------------------------------------------===#
# The umbrella target QuantDyn::QuantDyn
#===----------------------------------------------------------------------===#

add_library(QuantDyn INTERFACE)
add_library(QuantDyn::QuantDyn ALIAS QuantDyn)
target_link_libraries(QuantDyn INTERFACE QuantDynRegistration QuantDynCompiler)
target_compile_features(QuantDyn INTERFACE cxx_std_17)

#===----------------------------------------------------------------------===#
# Libraries
#===----------------------------------------------------------------------===#

# The entry libraries of the package; every project library they link is
# installed and exported with them (the export set must be closed under
# linking, and new libraries then need no change here).
set(QUANT_DYN_PACKAGE_ROOTS
  QuantDyn
  QuantDynCAPI
  QuantDynRuntime
  QuantDynSupport
  )

# Collects into `out_var` the non-imported library targets reachable from
# `roots` through LINK_LIBRARIES / INTERFACE_LINK_LIBRARIES (plain names;
# MLIR's and LLVM's imported targets are left out).
function(quant_dyn_collect_libraries out_var)
  set(pending ${ARGN})
  set(seen)
  while(pending)
    list(POP_FRONT pending name)
    if(NOT TARGET ${name} OR name IN_LIST seen)
      continue()
    endif()
    get_target_property(aliased ${name} ALIASED_TARGET)
    get_target_property(imported ${name} IMPORTED)
    get_target_property(type ${name} TYPE)
    if(aliased OR imported OR type STREQUAL "EXECUTABLE")
      continue()
    endif()
    list(APPEND seen ${name})
    set(deps)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(link ${name} LINK_LIBRARIES)
      if(link)
        list(APPEND deps ${link})
      endif()
    endif()
    get_target_property(interface ${name} INTERFACE_LINK_LIBRARIES)
    if(interface)
      list(APPEND deps ${interface})
    endif()
    foreach(dep IN LISTS deps)
      if(NOT dep MATCHES "^\\$<")
        list(APPEND pending ${dep})
      endif()
    endforeach()
  endwhile()
  set(${out_var} ${seen} PARENT_SCOPE)
endfunction()

quant_dyn_collect_libraries(QUANT_DYN_INSTALLED_LIBRARIES
  ${QUANT_DYN_PACKAGE_ROOTS})
message(STATUS "quant_dyn: installing ${QUANT_DYN_INSTALLED_LIBRARIES}")

foreach(lib IN LISTS QUANT_DYN_INSTALLED_LIBRARIES)
  # Headers: the source and build trees here, <prefix>/include once
  # installed. (The global include_directories() of the build do not reach
  # consumers.)
  target_include_directories(${lib} INTERFACE
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:include>
    )
endforeach()

install(TARGETS ${QUANT_DYN_INSTALLED_LIBRARIES}
  EXPORT QuantDynTargets
  ARCHIVE DESTINATION lib
  LIBRARY DESTINATION lib
  RUNTIME DESTINATION bin
  )

#===----------------------------------------------------------------------===#
# Tools
#===----------------------------------------------------------------------===#

set(QUANT_DYN_INSTALLED_TOOLS
  quant-dyn-opt
  quant-dyn-compile
  quant-dyn-runner
  quant-dyn-lsp-server
  )
# add_llvm_executable's install RPATH is only $ORIGIN/../lib (right for tools
# installed beside LLVM's libraries); ours need LLVM's library directory,
# where libMLIR.so and libLLVM.so live (libMLIR.so is not on the default
# library path on Debian).
set_target_properties(${QUANT_DYN_INSTALLED_TOOLS} PROPERTIES
  INSTALL_RPATH "${LLVM_LIBRARY_DIR}")
install(TARGETS ${QUANT_DYN_INSTALLED_TOOLS}
  EXPORT QuantDynTargets
  RUNTIME DESTINATION bin
  )

#===----------------------------------------------------------------------===#
# Headers
#===----------------------------------------------------------------------===#

# The testing aids (test/lib: the scalar reference, the test passes) are not
# part of the package; nothing under include/ belongs to them.
install(DIRECTORY
  ${PROJECT_SOURCE_DIR}/include/quant-dyn
  ${PROJECT_SOURCE_DIR}/include/quant-dyn-c
  DESTINATION include
  FILES_MATCHING
  PATTERN "*.h"
  PATTERN "*.td"
  )
# Generated by mlir-tblgen: QuantDynOps.h.inc, Passes.h.inc, ...
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/quant-dyn
  DESTINATION include
  FILES_MATCHING
  PATTERN "*.h"
  PATTERN "*.inc"
  PATTERN "*.td"
  PATTERN "CMakeFiles" EXCLUDE
  )

#===----------------------------------------------------------------------===#
# The CMake package
#===----------------------------------------------------------------------===#

install(EXPORT QuantDynTargets
  NAMESPACE QuantDyn::
  DESTINATION ${QUANT_DYN_INSTALL_PACKAGE_DIR}
  )

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/QuantDynConfig.cmake.in
  ${PROJECT_BINARY_DIR}/${QUANT_DYN_INSTALL_PACKAGE_DIR}/QuantDynConfig.cmake
  INSTALL_DESTINATION ${QUANT_DYN_INSTALL_PACKAGE_DIR}
  )
# The C++ API follows MLIR's: no compatibility promise across versions.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/${QUANT_DYN_INSTALL_PACKAGE_DIR}/QuantDynConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion
  )
install(FILES
  ${PROJECT_BINARY_DIR}/${QUANT_DYN_INSTALL_PACKAGE_DIR}/QuantDynConfig.cmake
  ${PROJECT_BINARY_DIR}/${QUANT_DYN_INSTALL_PACKAGE_DIR}/QuantDynConfigVersion.cmake
  DESTINATION ${QUANT_DYN_INSTALL_PACKAGE_DIR}
  )
