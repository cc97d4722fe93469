//===- Npy.cpp - NumPy .npy reader and writer for host tensors ------------===//
//
// The .npy format (NEP 1): the magic "\x93NUMPY", a major / minor version
// byte, a little-endian header length (2 bytes in 1.0, 4 bytes in 2.0 and
// 3.0), then an ASCII (3.0: UTF-8) Python dict literal
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and a final newline, then the raw array data.
//
// The reader treats every byte as hostile: each length is checked against
// the bytes actually present before it is used, the header dict is parsed
// by a small strict recursive-descent parser (no eval), and all size
// arithmetic is overflow-checked before anything is allocated.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Support/Npy.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <system_error>

using namespace mlir::quant_dyn;

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
/// Headers this large are certainly not produced by NumPy (which caps them
/// at 10 kB by default when reading); refusing them bounds the allocation a
/// hostile header length can trigger.
constexpr uint64_t kMaxHeaderSize = 1u << 20;
/// NumPy aligns the data start to 64 bytes.
constexpr size_t kAlignment = 64;

bool hostIsLittleEndian() {
  const uint16_t probe = 1;
  uint8_t first;
  std::memcpy(&first, &probe, 1);
  return first == 1;
}

//===----------------------------------------------------------------------===//
// Dtype descriptors
//===----------------------------------------------------------------------===//

/// A parsed simple dtype descr such as "<f4": byte order, type char, size.
struct Descr {
  char order = 0;
  char type = 0;
  unsigned size = 0;
};

std::optional<Descr> parseDescr(std::string_view s) {
  if (s.size() < 3 || s.size() > 4)
    return std::nullopt;
  Descr d;
  d.order = s[0];
  d.type = s[1];
  if (d.order != '<' && d.order != '>' && d.order != '|' && d.order != '=')
    return std::nullopt;
  for (char c : s.substr(2)) {
    if (c < '0' || c > '9')
      return std::nullopt;
    d.size = d.size * 10 + static_cast<unsigned>(c - '0');
  }
  return d;
}

/// What the byte order of a parsed descr means for us.
enum class OrderCheck { Ok, BigEndian, Invalid };

OrderCheck checkOrder(const Descr &d) {
  // Byte order is irrelevant to single-byte types; NumPy itself normalizes
  // every spelling of them to '|'.
  if (d.size == 1)
    return OrderCheck::Ok;
  switch (d.order) {
  case '<':
    return OrderCheck::Ok;
  case '=':
    return hostIsLittleEndian() ? OrderCheck::Ok : OrderCheck::BigEndian;
  case '>':
    return OrderCheck::BigEndian;
  default: // '|' is only meaningful for single-byte types.
    return OrderCheck::Invalid;
  }
}

/// Type char and size of the dtype docs/Semantics.md section 7.4 gives each
/// kind.
Descr canonicalDescr(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return {'<', 'f', 4};
  case ElementKind::F16:
    return {'<', 'f', 2};
  case ElementKind::BF16:
    return {'<', 'u', 2};
  case ElementKind::I32:
    return {'<', 'i', 4};
  case ElementKind::SI8:
    return {'|', 'i', 1};
  default: // UI8 and every narrow float: raw code in one byte.
    return {'|', 'u', 1};
  }
}

std::string squote(std::string_view s) { return "'" + std::string(s) + "'"; }

//===----------------------------------------------------------------------===//
// Header dict parser
//===----------------------------------------------------------------------===//

struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

/// Strict parser of the header dict literal. Accepts exactly the subset of
/// Python literal syntax NumPy writes (plus either quote style, optional
/// trailing commas and Python 2 'L' suffixes); anything else is an error.
class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text(text) {}

  bool parse(NpyHeader &header, std::string &error) {
    bool haveDescr = false, haveFortran = false, haveShape = false;
    skipSpace();
    if (!consume('{'))
      return fail("header is not a Python dict literal (expected '{')", error);
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      std::string key;
      if (!parseString(key, "dict key", error))
        return false;
      skipSpace();
      if (!consume(':'))
        return fail("expected ':' after key " + squote(key), error);
      skipSpace();
      if (key == "descr") {
        if (haveDescr)
          return fail("duplicate key 'descr'", error);
        haveDescr = true;
        if (peek() == '[')
          return fail("structured (record) dtypes are not supported", error);
        if (!parseString(header.descr, "'descr' value", error))
          return false;
      } else if (key == "fortran_order") {
        if (haveFortran)
          return fail("duplicate key 'fortran_order'", error);
        haveFortran = true;
        if (!parseBool(header.fortranOrder, error))
          return false;
      } else if (key == "shape") {
        if (haveShape)
          return fail("duplicate key 'shape'", error);
        haveShape = true;
        if (!parseShape(header.shape, error))
          return false;
      } else {
        return fail("unexpected key " + squote(key) +
                        " (only 'descr', 'fortran_order' and 'shape' are "
                        "allowed)",
                    error);
      }
      skipSpace();
      if (consume(','))
        continue;
      if (consume('}'))
        break;
      return fail("expected ',' or '}' after the value of " + squote(key),
                  error);
    }
    skipSpace();
    if (pos != text.size())
      return fail("unexpected characters after the header dict", error);
    if (!haveDescr)
      return fail("header is missing key 'descr'", error);
    if (!haveFortran)
      return fail("header is missing key 'fortran_order'", error);
    if (!haveShape)
      return fail("header is missing key 'shape'", error);
    return true;
  }

private:
  std::string_view text;
  size_t pos = 0;

  static bool fail(const std::string &msg, std::string &error) {
    error = "malformed header: " + msg;
    return false;
  }
  char peek() const { return pos < text.size() ? text[pos] : '\0'; }
  bool consume(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  static bool isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '+' ||
           c == '-';
  }
  std::string_view word() {
    size_t start = pos;
    while (pos < text.size() && isWordChar(text[pos]))
      ++pos;
    return text.substr(start, pos - start);
  }

  bool parseString(std::string &out, const char *what, std::string &error) {
    char quote = peek();
    if (quote != '\'' && quote != '"')
      return fail(std::string("expected a quoted string as ") + what, error);
    ++pos;
    size_t start = pos;
    while (pos < text.size() && text[pos] != quote) {
      unsigned char c = static_cast<unsigned char>(text[pos]);
      if (c == '\n') // Python string literals cannot span lines.
        break;
      // Escapes and control characters never occur in the keys and dtype
      // names we accept; refusing them keeps the parser trivial.
      if (c == '\\' || c < 0x20 || c >= 0x7F)
        return fail(std::string("unsupported character in ") + what, error);
      ++pos;
    }
    if (pos >= text.size() || text[pos] != quote)
      return fail(std::string("unterminated string in ") + what, error);
    out.assign(text.substr(start, pos - start));
    ++pos;
    return true;
  }

  bool parseBool(bool &out, std::string &error) {
    std::string_view w = word();
    if (w == "True") {
      out = true;
      return true;
    }
    if (w == "False") {
      out = false;
      return true;
    }
    return fail("'fortran_order' must be True or False", error);
  }

  bool parseDim(int64_t &out, std::string &error) {
    std::string_view w = word();
    if (w.empty())
      return fail("expected an integer dimension in 'shape'", error);
    if (w[0] == '-')
      return fail("negative dimension " + std::string(w) + " in 'shape'",
                  error);
    // Python 2 era NumPy wrote longs as "3L".
    std::string_view digits = w;
    if (digits.size() > 1 && (digits.back() == 'L' || digits.back() == 'l'))
      digits.remove_suffix(1);
    if (digits.empty())
      return fail("expected an integer dimension in 'shape'", error);
    int64_t v = 0;
    for (char c : digits) {
      if (c < '0' || c > '9')
        return fail("dimension '" + std::string(w) +
                        "' in 'shape' is not a non-negative integer",
                    error);
      int digit = c - '0';
      if (v > (std::numeric_limits<int64_t>::max() - digit) / 10)
        return fail("dimension " + std::string(w) + " in 'shape' is too large",
                    error);
      v = v * 10 + digit;
    }
    out = v;
    return true;
  }

  bool parseShape(std::vector<int64_t> &shape, std::string &error) {
    shape.clear();
    if (!consume('('))
      return fail("'shape' must be a tuple", error);
    bool trailingComma = false;
    while (true) {
      skipSpace();
      if (consume(')'))
        break;
      int64_t dim = 0;
      if (!parseDim(dim, error))
        return false;
      shape.push_back(dim);
      skipSpace();
      if (consume(',')) {
        trailingComma = true;
        continue;
      }
      trailingComma = false;
      if (consume(')'))
        break;
      return fail("expected ',' or ')' in 'shape'", error);
    }
    // In Python "(3)" is the int 3, not a tuple: NumPy rejects it too.
    if (shape.size() == 1 && !trailingComma)
      return fail("'shape' (" + std::to_string(shape[0]) +
                      ") is not a tuple; a 1-D shape is written (" +
                      std::to_string(shape[0]) + ",)",
                  error);
    return true;
  }
};

//===----------------------------------------------------------------------===//
// Byte sources
//===----------------------------------------------------------------------===//

/// Random access to the bytes being parsed, so that the same checks serve
/// files (read piecewise, never slurped) and in-memory buffers.
class Source {
public:
  virtual ~Source() = default;
  virtual uint64_t size() const = 0;
  /// Reads exactly `n` bytes at `offset`; false on any short read.
  virtual bool read(uint64_t offset, size_t n, void *dst) = 0;
};

class MemorySource : public Source {
public:
  explicit MemorySource(std::string_view data) : data(data) {}
  uint64_t size() const override { return data.size(); }
  bool read(uint64_t offset, size_t n, void *dst) override {
    if (offset > data.size() || n > data.size() - offset)
      return false;
    if (n)
      std::memcpy(dst, data.data() + offset, n);
    return true;
  }

private:
  std::string_view data;
};

class FileSource : public Source {
public:
  FileSource(std::ifstream &in, uint64_t fileSize)
      : in(in), fileSize(fileSize) {}
  uint64_t size() const override { return fileSize; }
  bool read(uint64_t offset, size_t n, void *dst) override {
    if (offset > fileSize || n > fileSize - offset)
      return false;
    if (n == 0)
      return true;
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in)
      return false;
    // Read in chunks: std::streamsize is signed and huge single reads are
    // not guaranteed to be satisfied at once.
    char *p = static_cast<char *>(dst);
    while (n) {
      size_t chunk = n < (size_t(1) << 30) ? n : (size_t(1) << 30);
      in.read(p, static_cast<std::streamsize>(chunk));
      if (static_cast<size_t>(in.gcount()) != chunk)
        return false;
      p += chunk;
      n -= chunk;
    }
    return true;
  }

private:
  std::ifstream &in;
  uint64_t fileSize;
};

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

/// The whole reader. `expected` == std::nullopt reads any supported dtype.
bool parseFrom(Source &src, const std::string &name,
               std::optional<ElementKind> expected, HostTensor &out,
               std::string &error) {
  auto fail = [&](const std::string &msg) {
    error = name + ": " + msg;
    return false;
  };
  const uint64_t fileSize = src.size();

  if (fileSize == 0)
    return fail("empty file (not a .npy file)");

  // Preamble: magic, version, header length.
  unsigned char pre[12] = {0};
  size_t preRead = fileSize < sizeof(pre) ? static_cast<size_t>(fileSize)
                                          : sizeof(pre);
  if (!src.read(0, preRead, pre))
    return fail("cannot read the file");
  size_t magicSeen = preRead < kMagicSize ? preRead : kMagicSize;
  if (std::memcmp(pre, kMagic, magicSeen) != 0)
    return fail("not a .npy file (missing the \\x93NUMPY magic string)");
  if (preRead < 10)
    return fail("truncated .npy file: only " + std::to_string(fileSize) +
                " bytes, too short for the format preamble");
  unsigned major = pre[6], minor = pre[7];
  if ((major != 1 && major != 2 && major != 3) || minor != 0)
    return fail("unsupported .npy format version " + std::to_string(major) +
                "." + std::to_string(minor) +
                " (supported: 1.0, 2.0, 3.0)");
  uint64_t headerLen;
  uint64_t headerStart;
  if (major == 1) {
    headerLen = static_cast<uint64_t>(pre[8]) | (uint64_t(pre[9]) << 8);
    headerStart = 10;
  } else {
    if (preRead < 12)
      return fail("truncated .npy file: only " + std::to_string(fileSize) +
                  " bytes, too short for the format preamble");
    headerLen = static_cast<uint64_t>(pre[8]) | (uint64_t(pre[9]) << 8) |
                (uint64_t(pre[10]) << 16) | (uint64_t(pre[11]) << 24);
    headerStart = 12;
  }
  if (headerLen > kMaxHeaderSize)
    return fail("header length " + std::to_string(headerLen) +
                " is too large (limit " + std::to_string(kMaxHeaderSize) +
                " bytes)");
  if (headerLen > fileSize - headerStart)
    return fail("truncated .npy file: header length " +
                std::to_string(headerLen) + " exceeds the " +
                std::to_string(fileSize - headerStart) +
                " bytes after the preamble");

  std::string headerText(static_cast<size_t>(headerLen), '\0');
  if (!src.read(headerStart, headerText.size(), headerText.data()))
    return fail("cannot read the header");
  NpyHeader header;
  std::string parseError;
  if (!HeaderParser(headerText).parse(header, parseError))
    return fail(parseError);

  // Dtype.
  std::optional<Descr> descr = parseDescr(header.descr);
  if (descr && checkOrder(*descr) == OrderCheck::BigEndian)
    return fail("big-endian dtype " + squote(header.descr) +
                " is not supported; save the array little-endian (e.g. "
                "arr.astype(arr.dtype.newbyteorder('<')))");
  ElementKind kind;
  if (expected) {
    Descr want = canonicalDescr(*expected);
    bool ok = descr && checkOrder(*descr) == OrderCheck::Ok &&
              descr->type == want.type && descr->size == want.size;
    if (!ok)
      return fail("expected dtype " + squote(npyDescrForKind(*expected)) +
                  " (" + std::string(elementKindName(*expected)) +
                  ") but file has " + squote(header.descr));
    kind = *expected;
  } else {
    std::optional<ElementKind> k = npyKindForDescr(header.descr);
    if (!k)
      return fail("unsupported dtype " + squote(header.descr) +
                  " (supported: '<f4', '<f2', '<u2', '<i4', '|i1', '|u1')");
    kind = *k;
  }

  if (header.fortranOrder)
    return fail("fortran_order True (column-major) arrays are not "
                "supported; save a C-order array "
                "(np.save(path, np.ascontiguousarray(arr)))");

  // Data size: checked arithmetic, then compared with what is present.
  std::optional<int64_t> needed = checkedByteSize(kind, header.shape);
  if (!needed)
    return fail("shape " + formatShape(header.shape) +
                " is too large: its element count or byte size overflows");
  uint64_t dataStart = headerStart + headerLen;
  uint64_t present = fileSize - dataStart;
  uint64_t need = static_cast<uint64_t>(*needed);
  if (need > present)
    return fail("truncated data: shape " + formatShape(header.shape) +
                " of dtype " + squote(header.descr) + " needs " +
                std::to_string(need) + " bytes but the file has " +
                std::to_string(present) + " after the header");
  if (need < present)
    return fail("trailing data: the file has " + std::to_string(present) +
                " bytes after the header but shape " +
                formatShape(header.shape) + " of dtype " +
                squote(header.descr) + " needs only " + std::to_string(need));

  HostTensor t;
  t.kind = kind;
  t.shape = header.shape;
  t.bytes.resize(static_cast<size_t>(need));
  if (!src.read(dataStart, t.bytes.size(), t.bytes.data()))
    return fail("cannot read the array data");
  // Byte order is already little-endian (checked above), which is exactly
  // HostTensor's code layout: no swapping needed.
  std::string codeError;
  if (!t.validateCodes(codeError))
    return fail(codeError);
  out = std::move(t);
  return true;
}

bool readFile(const std::string &path, std::optional<ElementKind> expected,
              HostTensor &out, std::string &error) {
  std::error_code ec;
  std::filesystem::file_status st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) {
    error = path + ": cannot open file" +
            (ec ? " (" + ec.message() + ")" : std::string());
    return false;
  }
  if (!std::filesystem::is_regular_file(st)) {
    error = path + ": not a regular file";
    return false;
  }
  uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    error = path + ": cannot determine the file size (" + ec.message() + ")";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open file for reading";
    return false;
  }
  FileSource src(in, static_cast<uint64_t>(size));
  return parseFrom(src, path, expected, out, error);
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

std::string formatPyShape(const std::vector<int64_t> &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1)
    s += ",";
  s += ")";
  return s;
}

/// Preamble + padded header for `t`, after validating it.
bool buildHeader(const HostTensor &t, const std::string &name,
                 std::string &header, std::string &error) {
  if (!t.isValid()) {
    error = name + ": cannot write a tensor whose storage (" +
            std::to_string(t.bytes.size()) + " bytes) does not match its " +
            std::string(elementKindName(t.kind)) + " shape " +
            formatShape(t.shape);
    return false;
  }
  std::string codeError;
  if (!t.validateCodes(codeError)) {
    error = name + ": cannot write: " + codeError;
    return false;
  }
  std::string dict = "{'descr': '" + std::string(npyDescrForKind(t.kind)) +
                     "', 'fortran_order': False, 'shape': " +
                     formatPyShape(t.shape) + ", }";
  // Version 1.0 stores the header length in 2 bytes; fall back to 2.0 (4
  // bytes, same ASCII header) only when it does not fit, as NumPy does.
  auto paddedLen = [&](size_t preamble) {
    size_t unpadded = preamble + dict.size() + 1; // +1 for the '\n'.
    return dict.size() + 1 + (kAlignment - unpadded % kAlignment) % kAlignment;
  };
  size_t preamble = 10;
  size_t len = paddedLen(preamble);
  if (len > 0xFFFF) {
    preamble = 12;
    len = paddedLen(preamble);
    if (len > 0xFFFFFFFFu) {
      error = name + ": header too large for the .npy format";
      return false;
    }
  }
  header.assign(kMagic, kMagicSize);
  header += static_cast<char>(preamble == 10 ? 1 : 2);
  header += '\0';
  for (size_t b = 0; b < preamble - 8; ++b)
    header += static_cast<char>((len >> (8 * b)) & 0xFF);
  header += dict;
  header.append(len - dict.size() - 1, ' ');
  header += '\n';
  return true;
}

} // namespace

//===----------------------------------------------------------------------===//
// Public API
//===----------------------------------------------------------------------===//

std::string_view mlir::quant_dyn::npyDescrForKind(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "<f4";
  case ElementKind::F16:
    return "<f2";
  case ElementKind::BF16:
    return "<u2";
  case ElementKind::I32:
    return "<i4";
  case ElementKind::SI8:
    return "|i1";
  default:
    return "|u1";
  }
}

std::optional<ElementKind>
mlir::quant_dyn::npyKindForDescr(std::string_view descr) {
  std::optional<Descr> d = parseDescr(descr);
  if (!d || checkOrder(*d) != OrderCheck::Ok)
    return std::nullopt;
  for (ElementKind kind : {ElementKind::F32, ElementKind::F16,
                           ElementKind::BF16, ElementKind::I32,
                           ElementKind::SI8, ElementKind::UI8}) {
    Descr want = canonicalDescr(kind);
    if (d->type == want.type && d->size == want.size)
      return kind;
  }
  return std::nullopt;
}

bool mlir::quant_dyn::readNpy(const std::string &path, ElementKind expected,
                              HostTensor &out, std::string &error) {
  return readFile(path, expected, out, error);
}

bool mlir::quant_dyn::readNpyAny(const std::string &path, HostTensor &out,
                                 std::string &error) {
  return readFile(path, std::nullopt, out, error);
}

bool mlir::quant_dyn::parseNpy(std::string_view data, const std::string &name,
                               std::optional<ElementKind> expected,
                               HostTensor &out, std::string &error) {
  MemorySource src(data);
  return parseFrom(src, name, expected, out, error);
}

bool mlir::quant_dyn::serializeNpy(const HostTensor &t,
                                   const std::string &name, std::string &data,
                                   std::string &error) {
  std::string header;
  if (!buildHeader(t, name, header, error))
    return false;
  data = std::move(header);
  data.append(reinterpret_cast<const char *>(t.bytes.data()), t.bytes.size());
  return true;
}

bool mlir::quant_dyn::writeNpy(const std::string &path, const HostTensor &t,
                               std::string &error) {
  std::string header;
  if (!buildHeader(t, path, header, error))
    return false;
  errno = 0;
  std::ofstream os(path, std::ios::binary | std::ios::trunc);
  if (!os) {
    // The stream's open(2) leaves the reason in errno.
    error = path + ": cannot open file for writing" +
            (errno ? " (" + std::string(std::strerror(errno)) + ")"
                   : std::string());
    return false;
  }
  os.write(header.data(), static_cast<std::streamsize>(header.size()));
  // HostTensor codes are little-endian by definition, matching the '<' /
  // '|' descr written: the bytes go out unchanged.
  const char *p = reinterpret_cast<const char *>(t.bytes.data());
  size_t n = t.bytes.size();
  while (os && n) {
    size_t chunk = n < (size_t(1) << 30) ? n : (size_t(1) << 30);
    os.write(p, static_cast<std::streamsize>(chunk));
    p += chunk;
    n -= chunk;
  }
  os.close();
  if (!os) {
    error = path + ": error while writing the file";
    return false;
  }
  return true;
}
