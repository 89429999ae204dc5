"""The caption stage: a transformed TokenTable laid out and timed as captions.

In the order the data flows:

* :mod:`.prepare` — tokens into *units* and their :class:`~.units.UnitBit` bits, with
  :mod:`.word_facts` (what a word's text says about breaking around it) and
  :mod:`.long_words` (tokens wider than a line);
* :mod:`.layout_kernel` — the pure twin of the compiled kernel (``src_ext/_layout.pyx``):
  caption and line breaks, one :class:`~.units.UnitStart` per unit;
* :mod:`.lines` — the text of each line: :class:`~.model.SpokenCaptions`;
* :mod:`.timing` — :func:`~.timing.time_captions`, the one timing pass;
* :mod:`.layout` — ``layout_captions``, the four steps in one call, and every layout rule;
* :mod:`.model` — the data: Caption, DocumentInfo, SpokenCaptions, Run;
* :mod:`.value` — the Captions value (edit, render, save);
* :mod:`.api` — ``captions()`` and ``get_caption()``.

``elementlist.captions`` (the attribute) is the function :func:`.api.captions`; import this
package's modules with ``from elementlist.captions.<module> import ...``.
"""
