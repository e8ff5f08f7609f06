#!/usr/bin/env bash
# preview.sh — `make preview`: the pictures the README shows.
#
# The review page: the Wuzhen article aligned in three languages with one Chinese
# sentence taken out (as a translator's omission would), so that the beads around the gap
# are doubtful; opened in headless Chromium (scripts/review_browser.py), n pressed to go
# to the first doubtful bead, the window saved as tmx/review.png.
#
# The subtitles: the Chinese subtitles of the video address burnt into a short video with
# ffmpeg (libass, Noto Sans CJK) and one frame kept as subtitles/preview.zh.png. The
# project has no recording of the address, so the video is a plain background of the
# subtitles' length (the recipe of ../shared/eval/subtitles/CLIENTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/preview
command -v chromium >/dev/null || { echo "preview: chromium is missing (apt-get install chromium)" >&2; exit 1; }
for l in en zh ru; do
  ./polyalign segment --lang "$l" "corpus/wuzhen/article.$l.txt" 2>/dev/null >"build/preview/article.$l"
done
sed -i '10d' build/preview/article.zh # a Chinese sentence: the last of the second paragraph
./polyalign align -q --lines sentence --langs en,zh,ru build/preview/article.{en,zh,ru} \
  -o build/preview/article.tmx --review build/preview/article.review.html
python3 scripts/review_browser.py build/preview/article.review.html key:n shot:tmx/review.png
echo "preview: build/preview/article.review.html and tmx/review.png"

srt=subtitles/address.zh.srt
[[ -s $srt ]] || { echo "preview: $srt is missing: run make demo first" >&2; exit 1; }
# the moment the second cue is on screen
at=$(awk -F' --> ' '/-->/{n++; if (n == 2) {split($1, t, /[:,]/); print t[1]*3600 + t[2]*60 + t[3] + t[4]/1000 + 1; exit}}' "$srt")
ffmpeg -nostdin -v error -y -f lavfi -i "color=c=0x1d3557:s=1280x720:d=20:r=25" \
  -vf "subtitles=$srt:force_style='FontName=Noto Sans CJK SC,FontSize=28'" \
  -c:v libx264 -preset veryfast -threads 1 -pix_fmt yuv420p build/preview/address.zh.mp4
ffmpeg -nostdin -v error -y -ss "$at" -i build/preview/address.zh.mp4 -frames:v 1 subtitles/preview.zh.png
echo "preview: build/preview/address.zh.mp4 and subtitles/preview.zh.png (frame at ${at} s)"
