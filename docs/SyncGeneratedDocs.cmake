# Compares or copies the generated reference docs (cmake -P script).
#
#   cmake -DGENERATED=<build>/docs -DSOURCE=<src>/docs -DMODE=check|copy \
#         -P SyncGeneratedDocs.cmake
#
# The generated layout is add_mlir_doc's: Dialects/*.md for the dialect,
# *.md at the top for the passes. The committed layout is docs/Dialects and
# docs/Passes. MODE=copy copies every generated file over its committed copy;
# MODE=check fails, naming each file, when a committed copy differs from the
# generated one, is missing, or has no generated counterpart.

cmake_minimum_required(VERSION 3.20)

foreach(var GENERATED SOURCE MODE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "SyncGeneratedDocs.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT MODE STREQUAL "check" AND NOT MODE STREQUAL "copy")
  message(FATAL_ERROR "SyncGeneratedDocs.cmake: MODE must be check or copy")
endif()
# Relative paths are relative to the working directory (script mode).
file(REAL_PATH ${GENERATED} GENERATED)
file(REAL_PATH ${SOURCE} SOURCE)

# Pairs "generated;committed" for every generated file.
file(GLOB dialect_docs RELATIVE ${GENERATED}/Dialects ${GENERATED}/Dialects/*.md)
file(GLOB pass_docs RELATIVE ${GENERATED} ${GENERATED}/*.md)
if(NOT dialect_docs AND NOT pass_docs)
  message(FATAL_ERROR "No generated docs under ${GENERATED}: build the "
                      "quant-dyn-doc target first")
endif()
set(generated_files)
set(committed_files)
foreach(name ${dialect_docs})
  list(APPEND generated_files ${GENERATED}/Dialects/${name})
  list(APPEND committed_files ${SOURCE}/Dialects/${name})
endforeach()
foreach(name ${pass_docs})
  list(APPEND generated_files ${GENERATED}/${name})
  list(APPEND committed_files ${SOURCE}/Passes/${name})
endforeach()

set(problems)
foreach(generated committed IN ZIP_LISTS generated_files committed_files)
  if(MODE STREQUAL "copy")
    get_filename_component(dir ${committed} DIRECTORY)
    file(MAKE_DIRECTORY ${dir})
    file(COPY_FILE ${generated} ${committed} ONLY_IF_DIFFERENT)
  elseif(NOT EXISTS ${committed})
    list(APPEND problems "missing: ${committed}")
  else()
    file(READ ${generated} want)
    file(READ ${committed} have)
    if(NOT want STREQUAL have)
      list(APPEND problems "stale: ${committed}")
    endif()
  endif()
endforeach()

if(MODE STREQUAL "check")
  # Committed docs that nothing generates any more.
  file(GLOB committed_now ${SOURCE}/Dialects/*.md ${SOURCE}/Passes/*.md)
  foreach(committed ${committed_now})
    if(NOT committed IN_LIST committed_files)
      list(APPEND problems "not generated: ${committed}")
    endif()
  endforeach()
  if(problems)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "Generated docs and docs/ differ:\n  ${text}\n"
                        "Run: cmake --build <build> --target quant-dyn-update-docs")
  endif()
  message(STATUS "docs/Dialects and docs/Passes match the generated docs")
endif()
