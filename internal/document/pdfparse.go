package document

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// A small, strict PDF reader: enough to know a PDF parses, whether it is encrypted, whether anything in
// it could run (JavaScript, launch actions) or hide (embedded files), and how many pages it has. It never
// renders or decodes page content. Every loop is bounded by the file's size, and recursion by depth,
// so hostile input ends in an error, not a hang.

type pdfInfo struct {
	Pages         int
	Encrypted     bool
	JavaScript    bool
	Launch        bool
	EmbeddedFiles bool
}

type (
	pdfName   string
	pdfString []byte
	pdfArray  []any
	pdfDict   map[pdfName]any
	pdfRef    struct{ num, gen int }
	pdfStream struct {
		dict pdfDict
		raw  []byte
	}
	// pdfKeyword is a bare word that is not a value, such as "obj" or "R".
	pdfKeyword string
)

const (
	pdfMaxDepth   = 64
	pdfMaxInflate = 64 << 20 // all decompressed streams together
)

var errPDFSyntax = errors.New("pdf: syntax error")

type pdfXref struct {
	kind   byte // 1: at offset; 2: inside an object stream
	offset int  // kind 1: byte offset; kind 2: number of the object stream
	index  int  // kind 2: index within the object stream
}

type pdfFile struct {
	data      []byte
	xref      map[int]pdfXref
	trailer   pdfDict
	cache     map[int]any
	inflated  int
	resolving map[int]bool
}

func inspectPDF(data []byte) (pdfInfo, error) {
	var info pdfInfo
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return info, fmt.Errorf("%w: no %%PDF- header", errPDFSyntax)
	}
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return info, fmt.Errorf("%w: no %%%%EOF trailer", errPDFSyntax)
	}
	f := &pdfFile{data: data, xref: map[int]pdfXref{}, cache: map[int]any{}, resolving: map[int]bool{}}
	info, err := f.inspect(true)
	if err != nil {
		// A damaged cross-reference is common in files saved by careless software; read the objects where
		// they stand, as every viewer does.
		*f = pdfFile{data: data, xref: map[int]pdfXref{}, cache: map[int]any{}, resolving: map[int]bool{}}
		info, err = f.inspect(false)
	}
	return info, err
}

// inspect reads the objects through the cross-reference, or by scanning for them, and checks them all.
func (f *pdfFile) inspect(byXref bool) (pdfInfo, error) {
	var info pdfInfo
	if byXref {
		if err := f.loadXrefChain(); err != nil {
			return info, err
		}
	} else if err := f.scanObjects(); err != nil {
		return info, err
	}
	if _, ok := f.trailer["Encrypt"]; ok {
		info.Encrypted = true
		return info, nil // encrypted strings and streams cannot be checked; the caller refuses it anyway
	}
	pageObjects := 0
	for num := range f.xref {
		obj, err := f.object(num)
		if err != nil {
			return info, err
		}
		if err := f.walk(obj, &info, 0); err != nil {
			return info, err
		}
		if d := dictOf(obj); d != nil && d["Type"] == pdfName("Page") {
			pageObjects++
		}
	}
	root := dictOf(f.resolve(f.trailer["Root"], 0))
	if root == nil {
		return info, fmt.Errorf("%w: no document catalog", errPDFSyntax)
	}
	pages := dictOf(f.resolve(root["Pages"], 0))
	if pages == nil {
		return info, fmt.Errorf("%w: no page tree", errPDFSyntax)
	}
	info.Pages = pageObjects
	// The larger of the two counts: a /Count that understates must not slip past the page limit.
	if n, ok := f.resolve(pages["Count"], 0).(int); ok && n > info.Pages {
		info.Pages = n
	}
	return info, nil
}

// walk looks through a value for what could run or hide. Names are compared after #xx decoding, so
// /J#61vaScript is found too.
func (f *pdfFile) walk(v any, info *pdfInfo, depth int) error {
	if depth > pdfMaxDepth {
		return fmt.Errorf("%w: nested too deeply", errPDFSyntax)
	}
	switch v := v.(type) {
	case pdfDict:
		for k, val := range v {
			switch k {
			case "JS", "JavaScript":
				info.JavaScript = true
			case "EmbeddedFiles", "EF", "RichMedia", "RichMediaContent":
				info.EmbeddedFiles = true
			}
			if n, ok := val.(pdfName); ok {
				switch {
				case k == "S" && n == "JavaScript":
					info.JavaScript = true
				case k == "S" && n == "Launch":
					info.Launch = true
				case (k == "Type" || k == "Subtype") && (n == "EmbeddedFile" || n == "RichMedia"):
					info.EmbeddedFiles = true
				}
			}
			if err := f.walk(val, info, depth+1); err != nil {
				return err
			}
		}
	case pdfArray:
		for _, e := range v {
			if err := f.walk(e, info, depth+1); err != nil {
				return err
			}
		}
	case pdfStream:
		if err := f.walk(v.dict, info, depth+1); err != nil {
			return err
		}
		if v.dict["Type"] == pdfName("ObjStm") {
			// Objects packed in a stream are walked too, even those no cross-reference names.
			objs, err := f.objectStream(v)
			if err != nil {
				return err
			}
			for _, o := range objs {
				if err := f.walk(o, info, depth+1); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func dictOf(v any) pdfDict {
	switch v := v.(type) {
	case pdfDict:
		return v
	case pdfStream:
		return v.dict
	}
	return nil
}

// resolve follows references to the value they name.
func (f *pdfFile) resolve(v any, depth int) any {
	ref, ok := v.(pdfRef)
	if !ok || depth > pdfMaxDepth {
		return v
	}
	obj, err := f.object(ref.num)
	if err != nil {
		return nil
	}
	return f.resolve(obj, depth+1)
}

// object answers indirect object num.
func (f *pdfFile) object(num int) (any, error) {
	if obj, ok := f.cache[num]; ok {
		return obj, nil
	}
	if f.resolving[num] {
		return nil, fmt.Errorf("%w: object %d refers to itself", errPDFSyntax, num)
	}
	f.resolving[num] = true
	defer delete(f.resolving, num)
	x, ok := f.xref[num]
	if !ok {
		return nil, nil // a missing object is null
	}
	var obj any
	var err error
	if x.kind == 2 {
		obj, err = f.packedObject(x.offset, x.index)
	} else {
		obj, err = f.objectAt(x.offset)
	}
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", num, err)
	}
	f.cache[num] = obj
	return obj, nil
}

// objectAt parses "num gen obj … endobj" at offset.
func (f *pdfFile) objectAt(offset int) (any, error) {
	if offset < 0 || offset >= len(f.data) {
		return nil, fmt.Errorf("%w: offset %d outside the file", errPDFSyntax, offset)
	}
	lx := &pdfLexer{data: f.data, pos: offset}
	for _, want := range []string{"int", "int", "obj"} {
		tok, err := lx.value(0)
		if err != nil {
			return nil, err
		}
		if _, isInt := tok.(int); (want == "int" && !isInt) || (want == "obj" && tok != pdfKeyword("obj")) {
			return nil, fmt.Errorf("%w: no object header at %d", errPDFSyntax, offset)
		}
	}
	obj, err := lx.value(0)
	if err != nil {
		return nil, err
	}
	if d, ok := obj.(pdfDict); ok && lx.keyword("stream") {
		return f.streamBody(lx, d)
	}
	return obj, nil
}

// streamBody reads the bytes after "stream", trusting /Length when it lands on "endstream" and searching
// for "endstream" when it does not.
func (f *pdfFile) streamBody(lx *pdfLexer, d pdfDict) (any, error) {
	start := lx.pos
	if start < len(f.data) && f.data[start] == '\r' {
		start++
	}
	if start < len(f.data) && f.data[start] == '\n' {
		start++
	}
	if n, ok := f.resolve(d["Length"], 0).(int); ok && n >= 0 && start+n <= len(f.data) {
		rest := bytes.TrimLeft(f.data[start+n:min(len(f.data), start+n+64)], " \r\n\t\f\x00")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			return pdfStream{dict: d, raw: f.data[start : start+n]}, nil
		}
	}
	end := bytes.Index(f.data[start:], []byte("endstream"))
	if end < 0 {
		return nil, fmt.Errorf("%w: stream without endstream", errPDFSyntax)
	}
	return pdfStream{dict: d, raw: bytes.TrimRight(f.data[start:start+end], "\r\n")}, nil
}

// decodeStream answers a stream's decoded bytes. Only what cross-reference and object streams use is
// supported: no filter, or FlateDecode with an optional PNG predictor.
func (f *pdfFile) decodeStream(s pdfStream) ([]byte, error) {
	filter := f.resolve(s.dict["Filter"], 0)
	if arr, ok := filter.(pdfArray); ok {
		if len(arr) > 1 {
			return nil, fmt.Errorf("%w: chained filters in a structural stream", errPDFSyntax)
		}
		if len(arr) == 1 {
			filter = arr[0]
		} else {
			filter = nil
		}
	}
	switch filter {
	case nil:
		return s.raw, nil
	case pdfName("FlateDecode"):
	default:
		return nil, fmt.Errorf("%w: structural stream with filter %v", errPDFSyntax, filter)
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errPDFSyntax, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, int64(pdfMaxInflate-f.inflated+1)))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("%w: %v", errPDFSyntax, err)
	}
	f.inflated += len(out)
	if f.inflated > pdfMaxInflate {
		return nil, fmt.Errorf("%w: decompresses to more than %d MB", errPDFSyntax, pdfMaxInflate>>20)
	}
	parms := dictOf(f.resolve(s.dict["DecodeParms"], 0))
	if arr, ok := f.resolve(s.dict["DecodeParms"], 0).(pdfArray); ok && len(arr) == 1 {
		parms = dictOf(f.resolve(arr[0], 0))
	}
	if pred, _ := parms["Predictor"].(int); pred >= 10 {
		cols, _ := parms["Columns"].(int)
		if cols <= 0 {
			cols = 1
		}
		colors, _ := parms["Colors"].(int)
		if colors <= 0 {
			colors = 1
		}
		bpc, _ := parms["BitsPerComponent"].(int)
		if bpc <= 0 {
			bpc = 8
		}
		return unpredictPNG(out, (cols*colors*bpc+7)/8, max(1, colors*bpc/8))
	} else if pred > 1 {
		return nil, fmt.Errorf("%w: predictor %d", errPDFSyntax, pred)
	}
	return out, nil
}

// unpredictPNG undoes PNG row filters: each row is one filter byte and rowLen data bytes.
func unpredictPNG(in []byte, rowLen, bpp int) ([]byte, error) {
	if rowLen <= 0 || rowLen > 1<<16 || len(in)%(rowLen+1) != 0 {
		return nil, fmt.Errorf("%w: predicted data of %d bytes does not fit rows of %d", errPDFSyntax, len(in), rowLen)
	}
	out := make([]byte, 0, len(in)/(rowLen+1)*rowLen)
	prev := make([]byte, rowLen)
	for i := 0; i < len(in); i += rowLen + 1 {
		filter, row := in[i], append([]byte(nil), in[i+1:i+1+rowLen]...)
		for x := range row {
			var left, upLeft byte
			if x >= bpp {
				left, upLeft = row[x-bpp], prev[x-bpp]
			}
			up := prev[x]
			switch filter {
			case 0:
			case 1:
				row[x] += left
			case 2:
				row[x] += up
			case 3:
				row[x] += byte((int(left) + int(up)) / 2)
			case 4:
				row[x] += paeth(left, up, upLeft)
			default:
				return nil, fmt.Errorf("%w: PNG filter %d", errPDFSyntax, filter)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// objectStream answers every object packed in an object stream, in order.
func (f *pdfFile) objectStream(s pdfStream) ([]any, error) {
	data, err := f.decodeStream(s)
	if err != nil {
		return nil, err
	}
	n, _ := s.dict["N"].(int)
	first, _ := s.dict["First"].(int)
	if n < 0 || n > len(data) || first < 0 || first > len(data) {
		return nil, fmt.Errorf("%w: object stream header", errPDFSyntax)
	}
	header := &pdfLexer{data: data[:first]}
	objs := make([]any, 0, n)
	for i := 0; i < n; i++ {
		if _, err := header.value(0); err != nil { // the object's number
			return nil, err
		}
		off, err := header.value(0)
		offset, ok := off.(int)
		if err != nil || !ok || first+offset > len(data) {
			return nil, fmt.Errorf("%w: object stream offset", errPDFSyntax)
		}
		obj, err := (&pdfLexer{data: data, pos: first + offset}).value(0)
		if err != nil {
			return nil, err
		}
		objs = append(objs, obj)
	}
	return objs, nil
}

func (f *pdfFile) packedObject(streamNum, index int) (any, error) {
	container, err := f.object(streamNum)
	if err != nil {
		return nil, err
	}
	s, ok := container.(pdfStream)
	if !ok {
		return nil, fmt.Errorf("%w: object stream %d is not a stream", errPDFSyntax, streamNum)
	}
	objs, err := f.objectStream(s)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(objs) {
		return nil, fmt.Errorf("%w: index %d outside object stream %d", errPDFSyntax, index, streamNum)
	}
	return objs[index], nil
}

// loadXrefChain reads the cross-reference sections from the last startxref back through /Prev.
func (f *pdfFile) loadXrefChain() error {
	at := bytes.LastIndex(f.data, []byte("startxref"))
	if at < 0 {
		return fmt.Errorf("%w: no startxref", errPDFSyntax)
	}
	lx := &pdfLexer{data: f.data, pos: at + len("startxref")}
	v, err := lx.value(0)
	offset, ok := v.(int)
	if err != nil || !ok {
		return fmt.Errorf("%w: startxref offset", errPDFSyntax)
	}
	seen := map[int]bool{}
	for offset > 0 || len(seen) == 0 {
		if seen[offset] || len(seen) > 1000 {
			return fmt.Errorf("%w: cross-reference sections loop", errPDFSyntax)
		}
		seen[offset] = true
		trailer, err := f.loadXref(offset)
		if err != nil {
			return err
		}
		if f.trailer == nil {
			f.trailer = trailer
		}
		if stm, ok := trailer["XRefStm"].(int); ok && !seen[stm] { // hybrid files
			seen[stm] = true
			if _, err := f.loadXref(stm); err != nil {
				return err
			}
		}
		prev, ok := trailer["Prev"].(int)
		if !ok {
			break
		}
		offset = prev
	}
	return nil
}

// loadXref reads one cross-reference section, a table or a stream, and answers its trailer. Entries
// already known come from a newer section and are kept.
func (f *pdfFile) loadXref(offset int) (pdfDict, error) {
	if offset < 0 || offset >= len(f.data) {
		return nil, fmt.Errorf("%w: xref offset %d outside the file", errPDFSyntax, offset)
	}
	lx := &pdfLexer{data: f.data, pos: offset}
	if lx.keyword("xref") {
		return f.loadXrefTable(lx)
	}
	obj, err := f.objectAt(offset)
	if err != nil {
		return nil, err
	}
	s, ok := obj.(pdfStream)
	if !ok || s.dict["Type"] != pdfName("XRef") {
		return nil, fmt.Errorf("%w: no cross-reference at %d", errPDFSyntax, offset)
	}
	return s.dict, f.loadXrefStream(s)
}

func (f *pdfFile) loadXrefTable(lx *pdfLexer) (pdfDict, error) {
	for {
		if lx.keyword("trailer") {
			d, err := lx.value(0)
			trailer, ok := d.(pdfDict)
			if err != nil || !ok {
				return nil, fmt.Errorf("%w: trailer", errPDFSyntax)
			}
			return trailer, nil
		}
		a, err1 := lx.value(0)
		b, err2 := lx.value(0)
		start, ok1 := a.(int)
		count, ok2 := b.(int)
		if err1 != nil || err2 != nil || !ok1 || !ok2 || start < 0 || count < 0 || count > len(f.data)/18 {
			return nil, fmt.Errorf("%w: xref subsection", errPDFSyntax)
		}
		for i := 0; i < count; i++ {
			o, err1 := lx.value(0)
			_, err2 := lx.value(0)
			kind, err3 := lx.value(0)
			off, ok := o.(int)
			if err1 != nil || err2 != nil || err3 != nil || !ok {
				return nil, fmt.Errorf("%w: xref entry", errPDFSyntax)
			}
			if _, known := f.xref[start+i]; !known && kind == pdfKeyword("n") && start+i > 0 {
				f.xref[start+i] = pdfXref{kind: 1, offset: off}
			}
		}
	}
}

func (f *pdfFile) loadXrefStream(s pdfStream) error {
	data, err := f.decodeStream(s)
	if err != nil {
		return err
	}
	w, ok := s.dict["W"].(pdfArray)
	if !ok || len(w) != 3 {
		return fmt.Errorf("%w: xref stream /W", errPDFSyntax)
	}
	var widths [3]int
	rowLen := 0
	for i, v := range w {
		n, ok := v.(int)
		if !ok || n < 0 || n > 8 {
			return fmt.Errorf("%w: xref stream /W", errPDFSyntax)
		}
		widths[i] = n
		rowLen += n
	}
	if rowLen == 0 {
		return fmt.Errorf("%w: xref stream /W", errPDFSyntax)
	}
	size, _ := s.dict["Size"].(int)
	index := pdfArray{0, size}
	if arr, ok := s.dict["Index"].(pdfArray); ok {
		index = arr
	}
	row := 0
	for i := 0; i+1 < len(index); i += 2 {
		start, ok1 := index[i].(int)
		count, ok2 := index[i+1].(int)
		if !ok1 || !ok2 || start < 0 || count < 0 {
			return fmt.Errorf("%w: xref stream /Index", errPDFSyntax)
		}
		for j := 0; j < count; j++ {
			if (row+1)*rowLen > len(data) {
				return fmt.Errorf("%w: xref stream shorter than its /Index", errPDFSyntax)
			}
			fields := [3]int{1, 0, 0} // type 1 when the first width is 0
			at := row * rowLen
			for k := 0; k < 3; k++ {
				if widths[k] == 0 {
					continue
				}
				v := 0
				for _, b := range data[at : at+widths[k]] {
					v = v<<8 | int(b)
				}
				fields[k] = v
				at += widths[k]
			}
			row++
			num := start + j
			if _, known := f.xref[num]; known || num == 0 {
				continue
			}
			switch fields[0] {
			case 1:
				f.xref[num] = pdfXref{kind: 1, offset: fields[1]}
			case 2:
				f.xref[num] = pdfXref{kind: 2, offset: fields[1], index: fields[2]}
			}
		}
	}
	return nil
}

// scanObjects finds objects by their "num gen obj" headers, for a file whose cross-reference is broken,
// and takes the last trailer or cross-reference stream dictionary it finds.
func (f *pdfFile) scanObjects() error {
	f.xref = map[int]pdfXref{}
	f.cache = map[int]any{}
	f.trailer = nil
	for at := 0; ; {
		i := bytes.Index(f.data[at:], []byte("obj"))
		if i < 0 {
			break
		}
		i += at
		at = i + 3
		if num, start, ok := objectHeaderBefore(f.data, i); ok {
			f.xref[num] = pdfXref{kind: 1, offset: start}
		}
	}
	if t := bytes.LastIndex(f.data, []byte("trailer")); t >= 0 {
		if d, err := (&pdfLexer{data: f.data, pos: t + len("trailer")}).value(0); err == nil {
			f.trailer, _ = d.(pdfDict)
		}
	}
	for num := range f.xref {
		obj, err := f.object(num)
		if err != nil {
			return err
		}
		if s, ok := obj.(pdfStream); ok && s.dict["Type"] == pdfName("XRef") && f.trailer == nil {
			f.trailer = s.dict
		}
		if d := dictOf(obj); d != nil && d["Type"] == pdfName("Catalog") && (f.trailer == nil || f.trailer["Root"] == nil) {
			if f.trailer == nil {
				f.trailer = pdfDict{}
			}
			f.trailer["Root"] = pdfRef{num: num}
		}
	}
	if f.trailer == nil || f.trailer["Root"] == nil {
		return fmt.Errorf("%w: no document catalog", errPDFSyntax)
	}
	return nil
}

// objectHeaderBefore reads "num gen " backwards from the "obj" keyword at i.
func objectHeaderBefore(data []byte, i int) (num, start int, ok bool) {
	if i+3 < len(data) && !isPDFDelimiterOrSpace(data[i+3]) {
		return 0, 0, false
	}
	j := i
	var fields [2]int
	for k := 1; k >= 0; k-- {
		for j > 0 && isPDFSpace(data[j-1]) {
			j--
		}
		end := j
		for j > 0 && data[j-1] >= '0' && data[j-1] <= '9' {
			j--
		}
		if j == end || end-j > 10 {
			return 0, 0, false
		}
		fields[k], _ = strconv.Atoi(string(data[j:end]))
	}
	if j > 0 && !isPDFDelimiterOrSpace(data[j-1]) {
		return 0, 0, false
	}
	return fields[0], j, true
}

// pdfLexer reads PDF values.
type pdfLexer struct {
	data []byte
	pos  int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelimiterOrSpace(c byte) bool {
	return isPDFSpace(c) || bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func (lx *pdfLexer) skipSpace() {
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		switch {
		case isPDFSpace(c):
			lx.pos++
		case c == '%':
			for lx.pos < len(lx.data) && lx.data[lx.pos] != '\n' && lx.data[lx.pos] != '\r' {
				lx.pos++
			}
		default:
			return
		}
	}
}

// keyword consumes word if it comes next, as a whole word.
func (lx *pdfLexer) keyword(word string) bool {
	lx.skipSpace()
	end := lx.pos + len(word)
	if end > len(lx.data) || string(lx.data[lx.pos:end]) != word || (end < len(lx.data) && !isPDFDelimiterOrSpace(lx.data[end])) {
		return false
	}
	lx.pos = end
	return true
}

func (lx *pdfLexer) value(depth int) (any, error) {
	if depth > pdfMaxDepth {
		return nil, fmt.Errorf("%w: nested too deeply", errPDFSyntax)
	}
	lx.skipSpace()
	if lx.pos >= len(lx.data) {
		return nil, fmt.Errorf("%w: unexpected end", errPDFSyntax)
	}
	switch c := lx.data[lx.pos]; {
	case c == '/':
		return lx.name(), nil
	case c == '(':
		return lx.literalString()
	case c == '<' && lx.pos+1 < len(lx.data) && lx.data[lx.pos+1] == '<':
		return lx.dict(depth)
	case c == '<':
		return lx.hexString()
	case c == '[':
		lx.pos++
		arr := pdfArray{}
		for {
			lx.skipSpace()
			if lx.pos >= len(lx.data) {
				return nil, fmt.Errorf("%w: unterminated array", errPDFSyntax)
			}
			if lx.data[lx.pos] == ']' {
				lx.pos++
				return arr, nil
			}
			v, err := lx.value(depth + 1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return lx.number()
	case c == ')' || c == '>' || c == ']' || c == '{' || c == '}':
		return nil, fmt.Errorf("%w: unexpected %q", errPDFSyntax, c)
	default:
		start := lx.pos
		for lx.pos < len(lx.data) && !isPDFDelimiterOrSpace(lx.data[lx.pos]) {
			lx.pos++
		}
		switch word := string(lx.data[start:lx.pos]); word {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		default:
			return pdfKeyword(word), nil
		}
	}
}

func (lx *pdfLexer) dict(depth int) (any, error) {
	lx.pos += 2
	d := pdfDict{}
	for {
		lx.skipSpace()
		if lx.pos+1 < len(lx.data) && lx.data[lx.pos] == '>' && lx.data[lx.pos+1] == '>' {
			lx.pos += 2
			return d, nil
		}
		if lx.pos >= len(lx.data) || lx.data[lx.pos] != '/' {
			return nil, fmt.Errorf("%w: dictionary key is not a name", errPDFSyntax)
		}
		key := lx.name()
		v, err := lx.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if _, isKeyword := v.(pdfKeyword); isKeyword {
			return nil, fmt.Errorf("%w: bare word as the value of /%s", errPDFSyntax, key)
		}
		d[key] = v
	}
}

// name reads /Name, decoding #xx escapes.
func (lx *pdfLexer) name() pdfName {
	lx.pos++
	var b []byte
	for lx.pos < len(lx.data) && !isPDFDelimiterOrSpace(lx.data[lx.pos]) {
		c := lx.data[lx.pos]
		if c == '#' && lx.pos+2 < len(lx.data) {
			if v, err := strconv.ParseUint(string(lx.data[lx.pos+1:lx.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				lx.pos += 3
				continue
			}
		}
		b = append(b, c)
		lx.pos++
	}
	return pdfName(b)
}

func (lx *pdfLexer) literalString() (any, error) {
	lx.pos++
	var b []byte
	for depth := 1; lx.pos < len(lx.data); lx.pos++ {
		c := lx.data[lx.pos]
		switch c {
		case '\\':
			lx.pos++
			if lx.pos < len(lx.data) {
				b = append(b, lx.data[lx.pos])
			}
			continue
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				lx.pos++
				return pdfString(b), nil
			}
		}
		b = append(b, c)
	}
	return nil, fmt.Errorf("%w: unterminated string", errPDFSyntax)
}

func (lx *pdfLexer) hexString() (any, error) {
	end := bytes.IndexByte(lx.data[lx.pos:], '>')
	if end < 0 {
		return nil, fmt.Errorf("%w: unterminated hex string", errPDFSyntax)
	}
	raw := lx.data[lx.pos+1 : lx.pos+end]
	lx.pos += end + 1
	return pdfString(raw), nil
}

// number reads an integer or a real; an integer followed by "gen R" is a reference.
func (lx *pdfLexer) number() (any, error) {
	start := lx.pos
	for lx.pos < len(lx.data) && bytes.IndexByte([]byte("+-.0123456789"), lx.data[lx.pos]) >= 0 {
		lx.pos++
	}
	text := string(lx.data[start:lx.pos])
	n, err := strconv.Atoi(text)
	if err != nil {
		f, ferr := strconv.ParseFloat(text, 64)
		if ferr != nil {
			return nil, fmt.Errorf("%w: bad number %q", errPDFSyntax, text)
		}
		return f, nil
	}
	save := lx.pos
	lx.skipSpace()
	genStart := lx.pos
	for lx.pos < len(lx.data) && lx.data[lx.pos] >= '0' && lx.data[lx.pos] <= '9' {
		lx.pos++
	}
	if lx.pos > genStart && lx.pos-genStart <= 5 {
		gen, _ := strconv.Atoi(string(lx.data[genStart:lx.pos]))
		if lx.keyword("R") {
			return pdfRef{num: n, gen: gen}, nil
		}
	}
	lx.pos = save
	return n, nil
}
