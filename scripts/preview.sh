#!/usr/bin/env bash
# preview.sh — `make preview`: burn the Chinese subtitles of the video address into a
# short video with ffmpeg (libass, Noto Sans CJK) and keep one frame as a PNG for the
# README. The project has no recording of the address, so the video is a plain
# background of the subtitles' length (the recipe of ../shared/eval/subtitles/CLIENTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
srt=subtitles/address.zh.srt
[[ -s $srt ]] || { echo "preview: $srt is missing: run make demo first" >&2; exit 1; }
mkdir -p build/preview
# the moment the second cue is on screen
at=$(awk -F' --> ' '/-->/{n++; if (n == 2) {split($1, t, /[:,]/); print t[1]*3600 + t[2]*60 + t[3] + t[4]/1000 + 1; exit}}' "$srt")
ffmpeg -nostdin -v error -y -f lavfi -i "color=c=0x1d3557:s=1280x720:d=20:r=25" \
  -vf "subtitles=$srt:force_style='FontName=Noto Sans CJK SC,FontSize=28'" \
  -c:v libx264 -preset veryfast -threads 1 -pix_fmt yuv420p build/preview/address.zh.mp4
ffmpeg -nostdin -v error -y -ss "$at" -i build/preview/address.zh.mp4 -frames:v 1 subtitles/preview.zh.png
echo "preview: build/preview/address.zh.mp4 and subtitles/preview.zh.png (frame at ${at} s)"
