#!/usr/bin/env bash
# Draws icons/icon.png (1024x1024 RGBA) with ImageMagick; `npx tauri icon icons/icon.png`
# then derives the sizes in src-tauri/icons/.
set -euo pipefail
cd "$(dirname "$0")"
S=1024
convert -size ${S}x${S} -define gradient:angle=135 gradient:'#4f46e5-#9333ea' \
  \( -size ${S}x${S} xc:black -fill white -draw "roundrectangle 56,56 968,968 210,210" \) \
  -alpha off -compose CopyOpacity -composite \
  -compose Over \
  -stroke '#ffffffb0' -strokewidth 28 -fill none -draw "stroke-linecap round" -draw "stroke-linejoin round" \
  -draw "path 'M 300,392 L 300,520 L 350,520'" \
  -draw "path 'M 440,600 L 440,720 L 490,720'" \
  -stroke none -fill white \
  -draw "roundrectangle 210,232 560,392 48,48" \
  -draw "roundrectangle 350,440 700,600 48,48" \
  -fill '#fde68a' \
  -draw "roundrectangle 490,640 840,800 48,48" \
  PNG32:icon.png
