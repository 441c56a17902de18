using System.Text;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// Turns tokens into text as they arrive. Byte-level vocabularies go through a stateful UTF-8 decoder, which holds
/// an incomplete multi-byte character until its last byte comes; other vocabularies re-decode and emit the delta.
/// </summary>
internal sealed class StreamingDetokenizer(TextTokenizer tokenizer)
{
    private readonly Decoder _utf8 = new UTF8Encoding(false, false).GetDecoder();
    private readonly List<int> _ids = [];
    private readonly char[] _chars = new char[64];
    private int _emitted;

    public string Push(int tokenId)
    {
        var bytes = tokenizer.TokenBytes(tokenId);
        if (bytes is not null)
        {
            if (bytes.Length == 0)
            {
                return string.Empty;
            }

            var chars = bytes.Length <= 32 ? _chars : new char[bytes.Length * 2];
            var count = _utf8.GetChars(bytes, 0, bytes.Length, chars, 0, flush: false);
            return count == 0 ? string.Empty : new string(chars, 0, count);
        }

        _ids.Add(tokenId);
        var full = tokenizer.Decode(_ids);
        if (full.Length > 0 && full[^1] == '\uFFFD')
        {
            return string.Empty; // an incomplete character; wait for the next token
        }

        var delta = full.Length > _emitted ? full[_emitted..] : string.Empty;
        _emitted = full.Length;
        return delta;
    }
}
