// Command mkphoto writes the photo-like test JPEG the benchmarks use, for scripts/bench-normalize.
//
//	go run ./scripts/mkphoto OUT.jpg [WIDTH HEIGHT]
package main

import (
	"fmt"
	"os"
	"strconv"

	"intake/internal/document/doctest"
)

func main() {
	if len(os.Args) != 2 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: mkphoto OUT.jpg [WIDTH HEIGHT]")
		os.Exit(2)
	}
	w, h := 4032, 3024
	if len(os.Args) == 4 {
		var err1, err2 error
		w, err1 = strconv.Atoi(os.Args[2])
		h, err2 = strconv.Atoi(os.Args[3])
		if err1 != nil || err2 != nil || w < 1 || h < 1 {
			fmt.Fprintln(os.Stderr, "mkphoto: width and height must be positive whole numbers")
			os.Exit(2)
		}
	}
	if err := os.WriteFile(os.Args[1], doctest.PhotoLike(w, h), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "mkphoto:", err)
		os.Exit(1)
	}
}
