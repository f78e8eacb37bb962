package document

func (n *Normalizer) checkPDF(data []byte) (*Result, error) {
	info, err := inspectPDF(data)
	switch {
	case err != nil:
		return nil, reject(err, "This PDF could not be read; it may be damaged. Please save it again, or take a photo of the document instead.")
	case info.Encrypted:
		return nil, reject(nil, "This PDF is protected with a password. Please upload a copy without a password, or take a photo of the document instead.")
	case info.JavaScript:
		return nil, reject(nil, "This PDF contains scripts, which are not accepted. Please upload a plain scan, or take a photo of the document instead.")
	case info.Launch:
		return nil, reject(nil, "This PDF tries to open other programs, which is not accepted. Please upload a plain scan, or take a photo of the document instead.")
	case info.EmbeddedFiles:
		return nil, reject(nil, "This PDF has other files attached inside it, which is not accepted. Please upload a plain scan, or take a photo of the document instead.")
	case info.Pages < 1:
		return nil, reject(nil, "This PDF has no pages. Please choose another file.")
	case info.Pages > n.opts.MaxPDFPages:
		return nil, reject(nil, "This PDF has %d pages; at most %d are accepted. Please upload only the pages of the document.", info.Pages, n.opts.MaxPDFPages)
	}
	return &Result{Data: data, ContentType: "application/pdf", Pages: info.Pages}, nil
}
